package io.cairn.kube.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.kube.rules.Action.OnError;
import io.cairn.kube.rules.Action.RunIn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulesParserTest {
    @Test
    void readsEveryFieldOfARuleAndItsActions() {
        List<Rule> rules = RulesParser.parse("""
                rules:
                - name: mysql
                  namespace: shop
                  labels: {app: mariadb}
                  container: mariadb
                  pre:
                  - command: [mysql, --batch]
                    timeout: 1m30s
                    onError: Continue
                    runIn: one
                    background: true
                    readyMarker: READY
                    stdin: "FLUSH TABLES WITH READ LOCK;"
                  post:
                  - command: [/bin/sh, -c, "echo done"]
                """, "rules.yaml");

        Rule r = rules.get(0);
        assertThat(r.namespaces()).containsExactly("shop");
        assertThat(r.selector()).isEqualTo("app=mariadb");
        Action pre = r.pre().get(0);
        assertThat(pre.command()).containsExactly("mysql", "--batch");
        assertThat(pre.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(pre.onError()).isEqualTo(OnError.CONTINUE);
        assertThat(pre.runIn()).isEqualTo(RunIn.ONE);
        assertThat(pre.background()).isTrue();
        assertThat(pre.readyMarker()).isEqualTo("READY");
        assertThat(r.post().get(0).command()).containsExactly("/bin/sh", "-c", "echo done");
        assertThat(r.post().get(0).onError()).isEqualTo(OnError.FAIL);
    }

    @Test
    void templatesExpandWithTheirParameters() {
        List<Rule> rules = RulesParser.parse("""
                - {name: c, template: cassandra, selector: app=cassandra}
                - {name: f, template: fsfreeze, params: {mountPath: /data}}
                - {name: m, template: mariadb}
                """, "r.yaml");

        assertThat(rules.get(0).pre().get(0).command()).containsExactly("nodetool", "flush");
        assertThat(rules.get(1).pre().get(0).command()).containsExactly("fsfreeze", "-f", "/data");
        assertThat(rules.get(1).post().get(0).command()).containsExactly("fsfreeze", "-u", "/data");
        assertThat(rules.get(2).pre().get(0).background()).isTrue();
        assertThat(rules.get(2).pre().get(0).command().get(2)).contains("exec mariadb --user=root");
        assertThat(Templates.names()).contains("cassandra", "mysql", "mariadb", "postgresql", "mongodb", "redis",
                "elasticsearch", "etcd", "fsfreeze");
    }

    @Test
    void everyMalformedFieldIsReportedWithItsLine() {
        assertThatThrownBy(() -> RulesParser.parse("""
                rules:
                - name: a
                  selector: "app in (x"
                  pre:
                  - command: nodetool flush
                    timeout: 3x
                    onError: Maybe
                - name: b
                  template: fsfreeze
                  colour: red
                """, "rules.yaml"))
                .isInstanceOfSatisfying(InvalidRulesException.class, e -> assertThat(e.problems()).containsExactly(
                        "rules.yaml:3: rules[0].selector: bad label selector 'app in (x': expected ',' but the selector ended",
                        "rules.yaml:5: rules[0].pre[0].command: command must be a list (argv), e.g. [nodetool, flush]; to use a shell write [/bin/sh, -c, '...']",
                        "rules.yaml:6: rules[0].pre[0].timeout: bad duration '3x' (use e.g. 30s, 500ms, 2m, 1m30s)",
                        "rules.yaml:7: rules[0].pre[0].onError: expected Fail or Continue, got 'Maybe'",
                        "rules.yaml:10: rules[1].colour: unknown field (known: container, labels, name, namespace, namespaces, params, post, pre, required, selector, template)",
                        "rules.yaml:9: rules[1].template: template 'fsfreeze' needs parameter 'mountPath' (params: {mountPath: ...})"));
    }

    @Test
    void hookAnnotationsOfCairnWinOverVeleroAndAPlainCommandIsOneArgvElement() {
        PodRef pod = new PodRef("shop", "db-0");
        Rule r = HookAnnotations.rule(pod, Map.of(
                "pre.hook.cairn.io/command", "[\"/bin/sh\",\"-c\",\"sync\"]",
                "pre.hook.cairn.io/timeout", "200ms",
                "pre.hook.backup.velero.io/command", "[\"ignored\"]",
                "post.hook.backup.velero.io/command", "fsync-done",
                "post.hook.backup.velero.io/container", "sidecar",
                "post.hook.backup.velero.io/on-error", "Continue"));

        assertThat(r.pods()).containsExactly(pod);
        assertThat(r.pre().get(0).command()).containsExactly("/bin/sh", "-c", "sync");
        assertThat(r.pre().get(0).timeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(r.post().get(0).command()).containsExactly("fsync-done");
        assertThat(r.post().get(0).container()).isEqualTo("sidecar");
        assertThat(r.post().get(0).onError()).isEqualTo(OnError.CONTINUE);
        assertThat(HookAnnotations.rule(pod, Map.of("app", "x"))).isNull();
        assertThatThrownBy(() -> HookAnnotations.rule(pod, Map.of("pre.hook.cairn.io/command", "[1,")))
                .hasMessageContaining("pod shop/db-0: annotation pre.hook.cairn.io/command");
    }

    @Test
    void runInOneKeepsTheActionOnTheFirstPodOnly() {
        Rule rule = Rule.of("etcd", List.of(), "app=etcd", null, List.of(Action.of("snap").withRunIn(RunIn.ONE), Action.of("sync")), List.of());
        List<PodInfo> pods = List.of(
                new PodInfo(new PodRef("kv", "etcd-1"), Map.of("app", "etcd"), Map.of(), List.of("etcd")),
                new PodInfo(new PodRef("kv", "etcd-0"), Map.of("app", "etcd"), Map.of(), List.of("etcd")),
                new PodInfo(new PodRef("kv", "other"), Map.of("app", "web"), Map.of(), List.of("web")));

        QuiescePlan plan = RuleResolver.resolve(List.of(rule), pods);

        assertThat(plan.targets()).extracting(t -> t.pod().name()).containsExactly("etcd-0", "etcd-1");
        assertThat(plan.targets().get(0).pre()).hasSize(2);
        assertThat(plan.targets().get(1).pre()).extracting(a -> a.command().get(0)).containsExactly("sync");
        assertThat(plan.targets().get(0).container()).isEqualTo("etcd");
    }
}
