package org.rlaif.workbench.training;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line of the run protocol ({@code resources/training/protocol.json}), checked and typed. {@link RunProtocol}
 * makes these from the JSON a trainer writes.
 */
public sealed interface RunEvent {
    /** The first line: which trainer, which library versions, which device. */
    record Hello(int protocol, String trainer, JsonNode versions, JsonNode device) implements RunEvent {
    }

    record Metric(long step, String name, double value) implements RunEvent {
    }

    record Progress(long done, long total, String unit) implements RunEvent {
    }

    /** @param reward null when the sample got no reward (a failed judgment: the sample was dropped) */
    record Sample(long step, String prompt, String completion, Double reward) implements RunEvent {
    }

    record Artifact(String kind, String path, Long step) implements RunEvent {
    }

    record Log(String level, String message) implements RunEvent {
    }

    /** @param state one of the protocol's states: running, finished, stopped, failed, diverged */
    record Status(String state, String message) implements RunEvent {
        public boolean isFinal() {
            return !"running".equals(state);
        }
    }
}
