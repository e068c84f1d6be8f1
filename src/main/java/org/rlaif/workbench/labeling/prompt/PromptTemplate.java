package org.rlaif.workbench.labeling.prompt;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a judge prompt for one kind of task, as a user can read and edit them. A template file has sections:
 *
 * <pre>
 * [options]     asks-for = better | worse   (worse: the judge names the worse response, e.g. "most harmful")
 * [base]        a one-line task statement (technique base)
 * [preamble]    the detailed task-specific instruction (techniques preamble and cot)
 * [pair]        how a pair is laid out, with {context}, {first} and {second}
 * [rationale]   the request for a rationale (step one of cot)
 * [verdict]     the question whose answer is "1" or "2"
 * </pre>
 *
 * Lines starting with {@code #} before the first section are notes, not sent.
 */
public record PromptTemplate(String name, AsksFor asksFor, String base, String preamble, String pair,
                             String rationale, String verdict, String text) {

    /** Whether the judge's "1"/"2" names the better or the worse response. */
    public enum AsksFor {
        BETTER, WORSE
    }

    private static final Pattern SECTION = Pattern.compile("^\\[([a-z-]+)]\\s*$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final java.util.Set<String> SECTIONS =
            java.util.Set.of("options", "base", "preamble", "pair", "rationale", "verdict");

    public PromptTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(asksFor, "asksFor");
        Objects.requireNonNull(text, "text");
        require(name, "base", base);
        require(name, "preamble", preamble);
        require(name, "pair", pair);
        require(name, "rationale", rationale);
        require(name, "verdict", verdict);
        for (String needed : new String[] {"{context}", "{first}", "{second}"}) {
            if (!pair.contains(needed)) {
                throw new TemplateException(name + ": section [pair] must contain " + needed);
            }
        }
        Matcher m = PLACEHOLDER.matcher(pair);
        while (m.find()) {
            String p = m.group(1);
            if (!p.equals("context") && !p.equals("first") && !p.equals("second")) {
                throw new TemplateException(name + ": section [pair] has unknown placeholder {" + p
                        + "}; use {context}, {first} and {second}");
            }
        }
    }

    private static void require(String name, String section, String value) {
        if (value == null || value.isBlank()) {
            throw new TemplateException(name + ": section [" + section + "] is missing or empty");
        }
    }

    /** Reads a template file's text; {@code name} (a file name or a task) appears in error messages. */
    public static PromptTemplate parse(String name, String text) {
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        StringBuilder current = null;
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher m = SECTION.matcher(line.strip());
            if (m.matches()) {
                String section = m.group(1);
                if (!SECTIONS.contains(section)) {
                    throw new TemplateException(name + ":" + (i + 1) + ": unknown section [" + section
                            + "] (expected one of " + String.join(", ", new java.util.TreeSet<>(SECTIONS)) + ")");
                }
                if (sections.containsKey(section)) {
                    throw new TemplateException(name + ":" + (i + 1) + ": section [" + section + "] appears twice");
                }
                current = new StringBuilder();
                sections.put(section, current);
            } else if (current == null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    throw new TemplateException(name + ":" + (i + 1) + ": text before the first [section]");
                }
            } else {
                current.append(line).append('\n');
            }
        }
        AsksFor asksFor = AsksFor.BETTER;
        if (sections.containsKey("options")) {
            asksFor = options(name, sections.get("options").toString());
        }
        return new PromptTemplate(name, asksFor, strip(sections.get("base")), strip(sections.get("preamble")),
                strip(sections.get("pair")), strip(sections.get("rationale")), strip(sections.get("verdict")), text);
    }

    private static AsksFor options(String name, String block) {
        AsksFor asksFor = AsksFor.BETTER;
        for (String line : block.split("\n")) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line.strip() : line.substring(0, eq).strip();
            String value = eq < 0 ? "" : line.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            if (!key.equals("asks-for")) {
                throw new TemplateException(name + ": unknown option '" + key + "' in [options] (known: asks-for)");
            }
            asksFor = switch (value) {
                case "better" -> AsksFor.BETTER;
                case "worse" -> AsksFor.WORSE;
                default -> throw new TemplateException(name + ": asks-for must be 'better' or 'worse', not '"
                        + value + "'");
            };
        }
        return asksFor;
    }

    private static String strip(StringBuilder b) {
        return b == null ? null : b.toString().strip();
    }

    /** The [pair] section with the texts put in, in one pass, so a response that contains "{second}" stays as it is. */
    public String renderPair(String context, String first, String second) {
        // A plain scan rather than the PLACEHOLDER regex: this runs for every query of a run. The constructor has
        // refused any placeholder but these three, so every other brace is text.
        StringBuilder out = new StringBuilder(pair.length() + context.length() + first.length() + second.length());
        int from = 0;
        for (int at = pair.indexOf('{'); at >= 0; at = pair.indexOf('{', at + 1)) {
            String value;
            int length;
            if (pair.startsWith("{context}", at)) {
                value = context;
                length = 9;
            } else if (pair.startsWith("{first}", at)) {
                value = first;
                length = 7;
            } else if (pair.startsWith("{second}", at)) {
                value = second;
                length = 8;
            } else {
                continue;
            }
            out.append(pair, from, at).append(value);
            from = at + length;
            at = from - 1;
        }
        return out.append(pair, from, pair.length()).toString();
    }

    public String instruction(Technique technique) {
        return technique == Technique.BASE ? base : preamble;
    }
}
