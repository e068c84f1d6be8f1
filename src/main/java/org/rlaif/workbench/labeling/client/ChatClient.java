package org.rlaif.workbench.labeling.client;

/** Something that answers chat-completions requests: a model server, or a retrying wrapper around one. */
public interface ChatClient {
    /**
     * Sends one request and waits for its answer.
     *
     * @throws ChatException        the server could not be reached, refused the request, or sent something that is
     *                              not a chat completion
     * @throws InterruptedException the calling thread was interrupted; the request is abandoned
     */
    ChatCompletion complete(ChatRequest request) throws ChatException, InterruptedException;
}
