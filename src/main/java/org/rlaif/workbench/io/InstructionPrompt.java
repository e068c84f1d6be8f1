package org.rlaif.workbench.io;

/**
 * The context of an instruction-following pair (AlpacaEval, AlpacaFarm, PandaLM): the instruction, then its input
 * after a blank line when there is one. AlpacaEval's own human-labeled file writes the two joined this way, so the
 * same pair gets the same key whichever file it comes from.
 */
public final class InstructionPrompt {
    private InstructionPrompt() {
    }

    public static String render(String instruction, String input) {
        return input == null || input.isEmpty() ? instruction : instruction + "\n\n" + input;
    }
}
