# A pyxs watcher that reconnects: it watches /loop on $XENSTORED_PATH, and whenever its
# connection drops (a live update closes it) it connects again and watches again. Each session
# prints "LIST k1 k2 ..." (the children of /loop right after the watch is in place, so what it is
# owed is every child written after that), then "EVENT path" for each event, then "DROP" when
# the connection goes. It ends when standard input closes. RealClientsLiveUpdateTest reads it.
import os
import queue
import select
import sys
import pyxs

path = os.environ["XENSTORED_PATH"]


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def stdin_closed():
    r, _, _ = select.select([sys.stdin], [], [], 0)
    return bool(r) and sys.stdin.read(1) == ""


while not stdin_closed():
    try:
        c = pyxs.Client(unix_socket_path=path)
        c.connect()
    except pyxs.PyXSError as e:
        say("CONNECT-FAILED " + str(e))
        continue
    m = c.monitor()
    m.watch(b"/loop", b"loop")
    first = m.events.get(timeout=60)
    assert first.path == b"/loop", first
    say("LIST " + " ".join(sorted(k.decode() for k in c.list(b"/loop"))))
    while c.router.is_connected and not stdin_closed():
        try:
            e = m.events.get(timeout=0.1)
        except queue.Empty:
            continue
        say("EVENT " + e.path.decode())
    if not c.router.is_connected:
        while not m.events.empty():  # what came before the connection went
            say("EVENT " + m.events.get_nowait().path.decode())
        say("DROP")
    else:
        c.close()
