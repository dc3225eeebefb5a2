# A pyxs session against the store on $XENSTORED_PATH: a watch, a transaction that commits, one
# that conflicts with another client's write (EAGAIN: commit() is False), and errors by name.
# Prints one line per step; RealClientsTest compares them and what the Java client sees.
import errno
import os
import pyxs

path = os.environ["XENSTORED_PATH"]
with pyxs.Client(unix_socket_path=path) as c, pyxs.Client(unix_socket_path=path) as other:
    m = c.monitor()
    m.watch(b"/py", b"tok")
    print("watch", m.events.get(timeout=30))
    c.transaction()
    c.write(b"/py/a", b"1")
    c.write(b"/py/b", b"2")
    print("inside", c.read(b"/py/a"), other.exists(b"/py/a"))
    print("commit", c.commit())
    print("events", sorted(m.events.get(timeout=30) for _ in range(2)))
    c.transaction()
    print("read", c.read(b"/py/a"))
    other.write(b"/py/a", b"changed")
    c.write(b"/py/b", b"lost")
    print("conflict", c.commit())
    print("after", c.read(b"/py/a"), c.read(b"/py/b"))
    print("list", c.list(b"/py"), c.get_perms(b"/py/a"), c.get_domain_path(3))
    c.set_perms(b"/py/a", [b"n0", b"r5"])
    print("perms", c.get_perms(b"/py/a"))
    try:
        c.read(b"/py/nothing")
    except pyxs.PyXSError as e:
        print("error", errno.errorcode[e.args[0]])
    m.unwatch(b"/py", b"tok")
    print("done")
