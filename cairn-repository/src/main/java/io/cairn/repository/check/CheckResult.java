package io.cairn.repository.check;

import java.util.List;

/**
 * What a check looked at, and every problem it found.
 *
 * @param indexFiles index files read (readable or not)
 * @param packs      packs listed by the index
 * @param blobs      blob entries listed by the index (distinct per pack)
 * @param packsRead  packs read in full (with readData)
 * @param blobsRead  blobs decrypted and verified (with readData)
 * @param trees      trees walked (tree check)
 * @param dataRefs   data blob references seen in trees (tree check)
 */
public record CheckResult(int indexFiles, int packs, long blobs, long packsRead, long blobsRead, long trees,
                          long dataRefs, List<Problem> problems) {
    public CheckResult {
        problems = List.copyOf(problems);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }
}
