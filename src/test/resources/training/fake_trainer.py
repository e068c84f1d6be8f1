"""A stand-in trainer for the Java tests of the run mechanism: it speaks the run protocol (or breaks it) the way the
test asks, with nothing but the standard library, so these tests need no PyTorch.

    python3 fake_trainer.py MODE [ARG]

Modes: ok, crash, junk, hang, stop, ignore-stop, nan, oom, fail-status, exit-nonzero, grandchild, and
stream STEPS PAUSE_MS [--spec SPEC.json]: a reward-model run's metrics step after step until done or stopped; with a
spec (as the app starts a trainer), it scores the held-out pairs of the spec's eval file into scores.jsonl (reward_a
above reward_b for pairs with an even id) the way the real trainer reports them.
"""
import json
import os
import signal
import subprocess
import sys
import threading
import time


def emit(event, **fields):
    fields["event"] = event
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def hello():
    emit("hello", protocol=1, trainer="fake", versions={"python": sys.version.split()[0]},
         device={"type": "cpu", "threads": os.cpu_count()}, pid=os.getpid())


def wait_for_stop(seconds):
    """True when the line 'stop' arrives on stdin (or stdin ends) within `seconds`."""
    got = threading.Event()

    def read():
        for line in sys.stdin:
            if line.strip() == "stop":
                break
        got.set()

    threading.Thread(target=read, daemon=True).start()
    return got.wait(seconds)


def stop_flag():
    """An event set when 'stop' arrives on stdin or SIGTERM does: "finish this step, save, exit"."""
    flag = threading.Event()

    def read():
        for line in sys.stdin:
            if line.strip() == "stop":
                flag.set()
                return

    threading.Thread(target=read, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda signum, frame: flag.set())
    return flag


def stream(steps, pause_ms, argv):
    spec = None
    if "--spec" in argv:
        with open(argv[argv.index("--spec") + 1]) as f:
            spec = json.load(f)
    stop = stop_flag()
    emit("status", state="running", message="")
    emit("metric", step=0, name="train/truncated_pairs", value=0)
    emit("metric", step=0, name="eval/human_agreement", value=0.5)
    for step in range(1, steps + 1):
        emit("metric", step=step, name="train/loss", value=0.7 / step)
        emit("metric", step=step, name="train/accuracy", value=min(1.0, 0.5 + step / (2.0 * steps)))
        emit("metric", step=step, name="train/learning_rate", value=1e-3 * (1 - (step - 1) / steps))
        emit("metric", step=step, name="train/margin", value=step / steps)
        if step % 5 == 0:
            emit("metric", step=step, name="eval/human_agreement", value=0.5 + step / (4.0 * steps))
            emit("log", message="evaluated at step %d" % step, level="info")
        emit("progress", done=step, total=steps, unit="step")
        if stop.wait(pause_ms / 1000.0):
            emit("artifact", kind="reward-model", path="/tmp/fake-model", step=step)
            emit("status", state="stopped", message="stopped after step %d and saved" % step)
            return
    if spec is not None:
        out = os.path.join(spec["output_dir"], "scores.jsonl")
        agree = 0
        pairs = 0
        with open(spec["data"]["eval"]) as f, open(out, "w") as o:
            for line in f:
                pair = json.loads(line)
                a, b = (1.0, 0.0) if pair["id"] % 2 == 0 else (0.0, 1.0)
                o.write(json.dumps({"id": pair["id"], "reward_a": a, "reward_b": b}) + "\n")
                pairs += 1
                agree += (a > b) == (pair["human"] == "A")
        emit("metric", step=steps, name="eval/human_agreement", value=agree / pairs)
        emit("artifact", kind="scores", path=out, step=steps)
    emit("status", state="finished", message="trained %d steps" % steps)


def main():
    mode = sys.argv[1]
    hello()
    if mode == "ok":
        for step in range(1, 6):
            emit("metric", step=step, name="train/loss", value=1.0 / step)
            emit("progress", done=step, total=5)
        emit("sample", step=5, prompt="p", completion="c", reward=0.5)
        emit("sample", step=5, prompt="p2", completion="c2", reward=None)
        emit("artifact", kind="reward-model", path="/tmp/model")
        emit("log", message="all done", level="info")
        emit("status", state="finished", message="trained 5 steps")
    elif mode == "crash":
        emit("metric", step=1, name="train/loss", value=0.7)
        sys.stderr.write("Traceback (most recent call last):\n  File \"x.py\", line 1\nRuntimeError: boom\n")
        sys.stderr.flush()
        os._exit(1)
    elif mode == "junk":
        print("loading weights... 100%")
        print("{not json")
        print(json.dumps({"event": "metric", "step": "one", "name": "train/loss", "value": 1}))
        print(json.dumps({"event": "teleport"}))
        print(json.dumps([1, 2, 3]))
        emit("metric", step=1, name="train/loss", value=0.5)
        emit("status", state="finished", message="done despite the junk")
    elif mode == "hang":
        emit("metric", step=1, name="train/loss", value=0.5)
        time.sleep(3600)
    elif mode in ("stop", "grandchild"):
        if mode == "grandchild":
            child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)"])
            with open(sys.argv[2], "w") as f:
                f.write(str(child.pid))
        step = 0
        emit("progress", done=0, total=1000)
        if wait_for_stop(600):
            step += 1
            emit("metric", step=step, name="train/loss", value=0.4)
            emit("artifact", kind="checkpoint", path="/tmp/ckpt", step=step)
            emit("status", state="stopped", message="stopped after step %d and saved" % step)
    elif mode == "ignore-stop":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        emit("progress", done=0, total=1000)
        time.sleep(3600)
    elif mode == "nan":
        emit("metric", step=1, name="train/loss", value=0.9)
        sys.stdout.write('{"event": "metric", "step": 2, "name": "train/loss", "value": NaN}\n')
        sys.stdout.flush()
        wait_for_stop(600)
        emit("status", state="stopped", message="stopped")
    elif mode == "oom":
        sys.stderr.write("torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\n")
        emit("status", state="failed", message="out of memory on cuda:0 (batch 32): lower the batch size")
        sys.exit(1)
    elif mode == "fail-status":
        emit("status", state="failed", message="the backbone folder holds no model")
    elif mode == "stream":
        stream(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:])
    elif mode == "exit-nonzero":
        emit("status", state="finished", message="claims to be done")
        sys.exit(3)


if __name__ == "__main__":
    main()
