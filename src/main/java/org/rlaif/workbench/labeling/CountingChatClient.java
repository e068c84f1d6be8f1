package org.rlaif.workbench.labeling;

import java.util.concurrent.atomic.AtomicLong;
import org.rlaif.workbench.labeling.client.ChatClient;
import org.rlaif.workbench.labeling.client.ChatCompletion;
import org.rlaif.workbench.labeling.client.ChatException;
import org.rlaif.workbench.labeling.client.ChatRequest;

/** Counts requests sent and tokens used, for the live progress and the cost estimate. */
public final class CountingChatClient implements ChatClient {
    private final ChatClient server;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong tokensIn = new AtomicLong();
    final AtomicLong tokensOut = new AtomicLong();

    public CountingChatClient(ChatClient server) {
        this.server = server;
    }

    @Override
    public ChatCompletion complete(ChatRequest request) throws ChatException, InterruptedException {
        requests.incrementAndGet();
        ChatCompletion c = server.complete(request);
        tokensIn.addAndGet(c.promptTokens());
        tokensOut.addAndGet(c.completionTokens());
        return c;
    }

    public long requestCount() {
        return requests.get();
    }

    public long tokensInCount() {
        return tokensIn.get();
    }

    public long tokensOutCount() {
        return tokensOut.get();
    }
}
