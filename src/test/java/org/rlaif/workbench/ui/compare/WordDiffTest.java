package org.rlaif.workbench.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rlaif.workbench.ui.compare.WordDiff.Kind;
import org.rlaif.workbench.ui.compare.WordDiff.Result;
import org.rlaif.workbench.ui.compare.WordDiff.Segment;

class WordDiffTest {
    /** The text of each segment, changed ones in [brackets]. */
    private static String render(String text, List<Segment> segments) {
        return segments.stream().map(s -> s.kind() == Kind.SAME ? s.of(text) : "[" + s.of(text) + "]")
                .collect(Collectors.joining());
    }

    @Test
    void equalTextsHaveNoChange() {
        Result r = WordDiff.diff("The cat sat.", "The cat sat.");
        assertThat(r.a()).singleElement().isEqualTo(new Segment(0, 12, Kind.SAME));
        assertThat(r.similarity()).isEqualTo(1.0);
        assertThat(r.aligned()).isTrue();
    }

    @Test
    void aReplacedWordIsMarkedInBothTexts() {
        String a = "The quick brown fox jumps.";
        String b = "The quick red fox jumps.";
        Result r = WordDiff.diff(a, b);
        assertThat(render(a, r.a())).isEqualTo("The quick [brown] fox jumps.");
        assertThat(render(b, r.b())).isEqualTo("The quick [red] fox jumps.");
        assertThat(r.sameWords()).isEqualTo(4);
        assertThat(r.similarity()).isEqualTo(0.8);
    }

    @Test
    void insertionsAndDeletionsAreFoundInTheMiddle() {
        String a = "Mix flour and water, then knead for ten minutes.";
        String b = "Mix flour, salt and water, then rest, then knead.";
        Result r = WordDiff.diff(a, b);
        assertThat(render(a, r.a())).isEqualTo("Mix flour and water, then knead[ for ten minutes].");
        assertThat(render(b, r.b())).isEqualTo("Mix flour[, salt] and water, then [rest, then] knead.");
    }

    @Test
    void whitespaceOfAnyKindIsTheSame() {
        Result r = WordDiff.diff("one two\nthree", "one  two three");
        assertThat(r.a()).allMatch(s -> s.kind() == Kind.SAME);
        assertThat(r.b()).allMatch(s -> s.kind() == Kind.SAME);
    }

    @Test
    void emptyAgainstTextIsAllChange() {
        Result r = WordDiff.diff("", "Something new");
        assertThat(r.a()).isEmpty();
        assertThat(render("Something new", r.b())).isEqualTo("[Something new]");
        assertThat(r.similarity()).isZero();
        assertThat(WordDiff.diff("", "").similarity()).isEqualTo(1.0);
    }

    @Test
    void contractionsAndUnicodeStayOneWord() {
        String a = "Don’t stop — café is open";
        String b = "Don’t stop — cafe is open";
        Result r = WordDiff.diff(a, b);
        assertThat(render(a, r.a())).isEqualTo("Don’t stop — [café] is open");
        assertThat(r.wordsA()).isEqualTo(5);
    }

    @Test
    void segmentsCoverEachTextExactlyAndAgreeWithALongestCommonSubsequence() {
        Random rnd = new Random(5);
        String[] vocab = {"a", "b", "c", "d", "e", "f"};
        for (int trial = 0; trial < 300; trial++) {
            String a = randomText(rnd, vocab, rnd.nextInt(25));
            String b = randomText(rnd, vocab, rnd.nextInt(25));
            Result r = WordDiff.diff(a, b);
            assertCovers(a, r.a());
            assertCovers(b, r.b());
            // the shared words, read in order, are the same sequence in both texts ...
            assertThat(sameWords(a, r.a())).isEqualTo(sameWords(b, r.b()));
            // ... and as long as a longest common subsequence of the words
            assertThat(r.sameWords()).as(a + " | " + b).isEqualTo(lcs(words(a), words(b)));
        }
    }

    @Test
    void veryDifferentLongTextsAreReportedWithoutAligning() {
        StringBuilder a = new StringBuilder("Same start. ");
        StringBuilder b = new StringBuilder("Same start. ");
        for (int i = 0; i < 3000; i++) {
            a.append("alpha").append(i).append(' ');
            b.append("beta").append(i).append(' ');
        }
        a.append("same end");
        b.append("same end");
        long t = System.nanoTime();
        Result r = WordDiff.diff(a.toString(), b.toString());
        assertThat((System.nanoTime() - t) / 1e9).isLessThan(5.0);
        assertThat(r.aligned()).isFalse();
        assertThat(render(a.toString(), r.a())).startsWith("Same start. [alpha0").endsWith("] same end");
        assertCovers(a.toString(), r.a());
    }

    private static void assertCovers(String text, List<Segment> segs) {
        int pos = 0;
        for (Segment s : segs) {
            assertThat(s.start()).isEqualTo(pos);
            pos = s.end();
        }
        assertThat(pos).isEqualTo(text.length());
    }

    private static List<String> sameWords(String text, List<Segment> segs) {
        return segs.stream().filter(s -> s.kind() == Kind.SAME).flatMap(s -> words(s.of(text)).stream()).toList();
    }

    private static List<String> words(String s) {
        return WordDiff.tokenize(s).stream().filter(t -> t.word()).map(t -> t.key()).toList();
    }

    private static int lcs(List<String> a, List<String> b) {
        int[][] t = new int[a.size() + 1][b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                t[i][j] = a.get(i - 1).equals(b.get(j - 1)) ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
            }
        }
        return t[a.size()][b.size()];
    }

    private static String randomText(Random rnd, String[] vocab, int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            s.append(vocab[rnd.nextInt(vocab.length)]);
            s.append(rnd.nextInt(5) == 0 ? ", " : " ");
        }
        return s.toString().strip();
    }
}
