package io.cairn.cli;

import io.cairn.cli.backup.BackupCommand;
import io.cairn.cli.mover.MoverCommand;
import io.cairn.cli.repo.RepoCommand;
import io.cairn.cli.restore.RestoreCommand;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command; holds the options every subcommand shares. */
@Command(name = "cairn",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Backup and restore for applications on Kubernetes: their API objects and their volume data, "
                + "in a restic-compatible repository (format v2) that stock restic can also read.",
        subcommands = {BackupCommand.class, RestoreCommand.class, RepoCommand.class, MoverCommand.class},
        footerHeading = "%nRepository and password:%n",
        footer = {
                "  The repository is --repo, else $CAIRN_REPOSITORY, else ~/.local/share/cairn/repository.",
                "  A location is a directory path, local:PATH, or s3:https://HOST[:PORT]/BUCKET[/PREFIX]",
                "  (s3:http://… for plain HTTP, s3:s3.amazonaws.com/BUCKET for AWS). S3 credentials come from",
                "  AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN), else --s3-credentials-file,",
                "  else AWS_PROFILE / ~/.aws; the region from --s3-region, AWS_REGION or AWS_DEFAULT_REGION.",
                "  The password comes from --password-file, else $CAIRN_PASSWORD, else a prompt on the terminal.",
                "  Index, snapshot and tree files of a remote repository are cached in --cache-dir, else",
                "  $CAIRN_CACHE_DIR, else $XDG_CACHE_HOME/cairn, else ~/.cache/cairn (--no-cache: none).",
                "",
                "Exit codes: 0 ok, 1 failed, 2 bad usage or input, 3 partial (some items failed), 10 no repository,",
                "  11 locked, 12 wrong password, 13 not found, 14 corrupt data, 15 unsupported repository format,",
                "  16 storage denied access (credentials), 17 storage unreachable, 18 bucket does not exist.",
                "",
                "Examples:",
                "  export CAIRN_PASSWORD='a long passphrase'",
                "  cairn repo init",
                "  cairn backup create shop-nightly --include-namespaces shop",
                "  cairn backup create wp --app deployment/wordpress -n shop",
                "  cairn restore create shop-copy --from-backup shop-nightly --namespace-mapping shop:shop-copy",
                "  cairn repo backup /srv/data && cairn repo snapshots"})
public final class CairnCommand {

    @Option(names = "--repo", paramLabel = "LOCATION", scope = ScopeType.INHERIT,
            description = "Repository location (directory path, local:PATH or s3:URL/BUCKET[/PREFIX]). Default: $CAIRN_REPOSITORY, "
                    + "else ~/.local/share/cairn/repository.")
    String repo;

    @Option(names = "--password-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Read the repository password from the first line of FILE (else $CAIRN_PASSWORD, else a prompt).")
    Path passwordFile;

    @Option(names = "--s3-region", paramLabel = "REGION", scope = ScopeType.INHERIT,
            description = "S3 signing region (default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1 off AWS).")
    String s3Region;

    @Option(names = "--s3-path-style", negatable = true, scope = ScopeType.INHERIT,
            description = "Address buckets as HOST/BUCKET (default for non-AWS endpoints) or, with "
                    + "--no-s3-path-style, as BUCKET.HOST (default on AWS).")
    Boolean s3PathStyle;

    @Option(names = "--s3-credentials-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "An AWS credentials file (profile AWS_PROFILE or default), used when the environment "
                    + "holds no AWS_ACCESS_KEY_ID.")
    Path s3CredentialsFile;

    @Option(names = "--cache-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Keep the local cache (index, snapshot and tree files of remote repositories) under DIR "
                    + "(default: $CAIRN_CACHE_DIR, else $XDG_CACHE_HOME/cairn, else ~/.cache/cairn). Also turns the "
                    + "cache on for a local repository, which has none by default.")
    Path cacheDir;

    @Option(names = "--no-cache", scope = ScopeType.INHERIT,
            description = "Use no local cache: read every index, snapshot and tree file from the repository.")
    boolean noCache;

    /** The environment credentials and region are read from; tests replace it. */
    private java.util.Map<String, String> env = System.getenv();

    public void setEnv(java.util.Map<String, String> env) {
        this.env = env;
    }

    /** Opens the storage the global options name, wrapped with retries and a connection limit. */
    public io.cairn.repository.backend.Backend openBackend(java.io.PrintWriter err) {
        return RepositoryLocation.open(repositoryLocation(),
                RepositoryLocation.options(env, s3Region, s3PathStyle, s3CredentialsFile, err));
    }

    /** Where commands write binary output (dump); the terminal's stdout unless a test redirects it. */
    private java.io.OutputStream rawOut = System.out;

    public java.io.OutputStream rawOut() {
        return rawOut;
    }

    public void setRawOut(java.io.OutputStream out) {
        this.rawOut = out;
    }

    /**
     * The root of the local cache for the repository at {@code location}, or null for none: none with
     * {@code --no-cache}, and none by default for a local repository (a copy would only double the disk use).
     */
    public Path cacheRoot(String location) {
        if (noCache) {
            return null;
        }
        if (cacheDir != null) {
            return cacheDir;
        }
        return io.cairn.repository.backend.Backends.isLocal(location) ? null
                : io.cairn.repository.cache.CacheDirectory.defaultRoot(env);
    }

    public String repositoryLocation() {
        return RepositoryLocation.resolve(repo);
    }

    public Path passwordFile() {
        return passwordFile;
    }
}
