package org.rlaif.workbench.labeling.client;

/** Why a chat request produced no completion, and so what the labeler should do about it. */
public enum ChatFailure {
    /** Nothing answered at the address (connection refused, unknown host, no connection in time): stop the run. */
    UNREACHABLE(true, false),
    /** The server turned down every request of this kind (bad key, unknown model or path: 401, 403, 404): stop. */
    REFUSED(true, false),
    /** Worth another try after a pause: timeout, 408, 429, 5xx, a dropped connection. */
    TRANSIENT(false, true),
    /** The server rejected this one request (400, 413, 422: e.g. a prompt longer than the context): a failed label. */
    REQUEST_REJECTED(false, false),
    /** The server answered 200 with something that is not a chat completion: a failed label with the raw body. */
    MALFORMED_RESPONSE(false, false);

    private final boolean fatal;
    private final boolean retryable;

    ChatFailure(boolean fatal, boolean retryable) {
        this.fatal = fatal;
        this.retryable = retryable;
    }

    /** True when every later request would fail the same way, so the run must stop rather than fail each pair. */
    public boolean isFatal() {
        return fatal;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
