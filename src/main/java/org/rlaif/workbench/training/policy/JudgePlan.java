package org.rlaif.workbench.training.policy;

import java.util.Map;
import org.rlaif.workbench.domain.Task;

/**
 * A judge ready to serve a run's rewards: its checked endpoint, the task of each prompt the run will ask about (which
 * rating template applies), the task for a request without ids, and how many responses one request carries.
 */
record JudgePlan(JudgeEndpoint endpoint, Map<Long, Task> tasks, Task fallback, int batch) {
}
