package io.cairn.kube.volumes;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code cairn mover backup|restore} as a mover pod runs them: built here for the pod spec, and
 * parsed by whatever plays the pod (the CLI parses them with picocli; tests that stand in for the kubelet with
 * {@link #parse}).
 *
 * @param backup     true for {@code mover backup}, false for {@code mover restore}
 * @param directory  backup: {@code --source}; restore: {@code --target}
 * @param tree       backup: {@code --parent-tree} (or null); restore: {@code --tree}
 * @param resultFile backup: {@code --result}, where the JSON result goes besides stdout (or null)
 */
public record MoverInvocation(boolean backup, String directory, String tree, String resultFile) {
    /** Where the container writes its result: Kubernetes' default terminationMessagePath. */
    public static final String TERMINATION_LOG = "/dev/termination-log";

    public static MoverInvocation backup(String source, String parentTree) {
        return new MoverInvocation(true, source, parentTree, TERMINATION_LOG);
    }

    public static MoverInvocation restore(String tree, String target) {
        return new MoverInvocation(false, target, tree, TERMINATION_LOG);
    }

    /** The arguments after the {@code cairn} command. */
    public List<String> args() {
        List<String> a = new ArrayList<>(List.of("mover", backup ? "backup" : "restore"));
        a.addAll(List.of(backup ? "--source" : "--target", directory));
        if (tree != null) {
            a.addAll(List.of(backup ? "--parent-tree" : "--tree", tree));
        }
        if (resultFile != null) {
            a.addAll(List.of("--result", resultFile));
        }
        return a;
    }

    /** The inverse of {@link #args()}. */
    public static MoverInvocation parse(List<String> args) {
        if (args.size() < 2 || !"mover".equals(args.get(0))) {
            throw new IllegalArgumentException("not a mover command: " + args);
        }
        boolean backup = "backup".equals(args.get(1));
        String dir = null;
        String tree = null;
        String result = null;
        for (int i = 2; i + 1 < args.size(); i += 2) {
            String v = args.get(i + 1);
            switch (args.get(i)) {
                case "--source", "--target" -> dir = v;
                case "--parent-tree", "--tree" -> tree = v;
                case "--result" -> result = v;
                default -> throw new IllegalArgumentException("unknown mover option " + args.get(i));
            }
        }
        return new MoverInvocation(backup, dir, tree, result);
    }
}
