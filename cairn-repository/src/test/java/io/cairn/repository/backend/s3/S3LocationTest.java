package io.cairn.repository.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class S3LocationTest {
    @Test
    void parsesResticsForms() {
        assertThat(S3Location.parse("s3:http://127.0.0.1:9000/bucket"))
                .isEqualTo(new S3Location(URI.create("http://127.0.0.1:9000"), "bucket", ""));
        assertThat(S3Location.parse("s3:https://minio.example:9000/bucket/a/b/"))
                .isEqualTo(new S3Location(URI.create("https://minio.example:9000"), "bucket", "a/b"));
        S3Location aws = S3Location.parse("s3:s3.amazonaws.com/my-bucket/backups");
        assertThat(aws).isEqualTo(new S3Location(URI.create("https://s3.amazonaws.com"), "my-bucket", "backups"));
        assertThat(aws.isAws()).isTrue();
        assertThat(aws.key("data/ab/abcd")).isEqualTo("backups/data/ab/abcd");
        assertThat(S3Location.parse("s3:http://h/bkt").key("config")).isEqualTo("config");
        assertThat(S3Location.parse("s3:http://h/bkt/p").toString()).isEqualTo("s3:http://h/bkt/p");
    }

    @Test
    void rejectsLocationsWithoutBucketOrWithOtherSchemes() {
        assertThatThrownBy(() -> S3Location.parse("s3:http://host")).hasMessageContaining("host and a bucket");
        assertThatThrownBy(() -> S3Location.parse("s3:http://host/")).hasMessageContaining("needs a bucket");
        assertThatThrownBy(() -> S3Location.parse("s3:http://host/b1")).hasMessageContaining("invalid S3 bucket name 'b1'");
        assertThatThrownBy(() -> S3Location.parse("s3:http://host/My_Bucket")).hasMessageContaining("invalid S3 bucket");
        assertThatThrownBy(() -> S3Location.parse("s3:ftp://host/bucket")).hasMessageContaining("http:// or https://");
    }
}
