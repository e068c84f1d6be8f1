package org.rlaif.workbench.io.outputs;

/**
 * One policy output as a file gives it: the prompt, the name of the policy that wrote the response, and the
 * response; {@code origin} says where it came from (file digest and line, or pair and side), so importing it again
 * adds nothing.
 */
public record OutputRecord(String prompt, String policy, String response, String origin, long line) {
}
