package dev.baton.core.describe;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The accessors of a derived field as a class of its own, shaped as the class of a lambda
 * {@code p -> p.f00} is: a hidden class, defined through the caller's lookup as a nestmate of the
 * field's class, whose interface methods cast, convert ({@code f2d}, an unsigned mask; on the way
 * in {@code i2b}, {@code l2i}, {@code d2f}, a {@code checkcast}) and call a static method that
 * only gets or puts the field, as a lambda's class calls its {@code lambda$} method.
 *
 * <p>Why not method handles, which do the same: each one the JIT inlines brings some two hundred
 * octets of lambda forms into the compiled steps, which then outgrow the JIT's budget for
 * inlining ({@code DesiredMethodLimit}) a hundred fields sooner than a lambda's few octets do
 * (100 primitive fields saved a quarter slower). And why the static method: interface methods that
 * did the {@code getfield} and {@code putfield} themselves loaded those fields a third slower
 * than lambdas did; the trivial static accessor is what the JIT handles best.
 *
 * <p>Only straight-line code, so the class file needs no stack map. Where the lookup may not
 * define classes (it lacks full privilege access) {@link #of} returns null and the field keeps
 * its method handles.
 */
final class FieldAccessors {
    private FieldAccessors() {
    }

    /** How a getter widens or masks the field's value into the holder, and a setter narrows it back. */
    enum Conversion { NONE, BYTE_UNSIGNED, SHORT_UNSIGNED, INT_UNSIGNED }

    /** The getter's and setter's interfaces and methods for each holder. */
    private record Shape(String getInterface, String getName, String getDescriptor, String setInterface,
            String setDescriptor, int load, int ret) {
    }

    private static final Map<Holder, Shape> SHAPES = Map.of(
            Holder.BOOL, new Shape("java/util/function/Predicate", "test", "(Ljava/lang/Object;)Z",
                    "dev/baton/core/describe/ObjBoolConsumer", "(Ljava/lang/Object;Z)V", 0x1c, 0xac),
            Holder.INT, new Shape("java/util/function/ToIntFunction", "applyAsInt", "(Ljava/lang/Object;)I",
                    "java/util/function/ObjIntConsumer", "(Ljava/lang/Object;I)V", 0x1c, 0xac),
            Holder.LONG, new Shape("java/util/function/ToLongFunction", "applyAsLong", "(Ljava/lang/Object;)J",
                    "java/util/function/ObjLongConsumer", "(Ljava/lang/Object;J)V", 0x20, 0xad),
            Holder.DOUBLE, new Shape("java/util/function/ToDoubleFunction", "applyAsDouble",
                    "(Ljava/lang/Object;)D", "java/util/function/ObjDoubleConsumer", "(Ljava/lang/Object;D)V", 0x28,
                    0xaf),
            Holder.REF, new Shape("java/util/function/Function", "apply", "(Ljava/lang/Object;)Ljava/lang/Object;",
                    "java/util/function/BiConsumer", "(Ljava/lang/Object;Ljava/lang/Object;)V", 0x2c, 0xb0));

    /**
     * The getter and (with {@code setter}) setter of {@code field} in {@code holder}'s types, or
     * null when {@code lookup} (full privilege access in the field's class) cannot define them.
     */
    static Holder.Accessors of(MethodHandles.Lookup lookup, Field field, Holder holder, Conversion conversion,
            boolean setter) {
        if (!lookup.hasFullPrivilegeAccess() || lookup.lookupClass() != field.getDeclaringClass()) {
            return null;
        }
        try {
            byte[] bytes = classFile(field, holder, conversion, setter);
            MethodHandles.Lookup defined = lookup.defineHiddenClass(bytes, true,
                    MethodHandles.Lookup.ClassOption.NESTMATE, MethodHandles.Lookup.ClassOption.STRONG);
            Object accessors = defined.findConstructor(defined.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
            return new Holder.Accessors(accessors, setter ? accessors : null);
        } catch (Throwable e) {
            return null; // a loader or module that refuses the class: the method handles do the same, slower
        }
    }

    private static byte[] classFile(Field field, Holder holder, Conversion conversion, boolean setter) {
        Shape shape = SHAPES.get(holder);
        Pool pool = new Pool();
        String owner = field.getDeclaringClass().getName().replace('.', '/');
        int slash = owner.lastIndexOf('/');
        int self = pool.type((slash < 0 ? "" : owner.substring(0, slash + 1)) + "BatonAccess");
        int object = pool.type("java/lang/Object");
        int target = pool.type(owner);
        int objectInit = pool.member(10, object, "<init>", "()V");
        int fieldRef = pool.member(9, target, field.getName(), field.getType().descriptorString());
        int getInterface = pool.type(shape.getInterface());
        int setInterface = setter ? pool.type(shape.setInterface()) : 0;
        int code = pool.utf8("Code");

        Class<?> type = field.getType();
        String fieldDescriptor = type.descriptorString();
        String getDescriptor = "(L" + owner + ";)" + fieldDescriptor;
        String putDescriptor = "(L" + owner + ";" + fieldDescriptor + ")V";
        List<byte[]> methods = new ArrayList<>();
        methods.add(method(pool, "<init>", "()V", code, 1, 1, 0x0001,
                new Code().op(0x2a).op(0xb7).u2(objectInit).op(0xb1).bytes())); // aload_0 invokespecial return
        methods.add(method(pool, "get", getDescriptor, code, 2, 1, 0x000a, // private static
                new Code().op(0x2a).op(0xb4).u2(fieldRef).op(returnOf(type)).bytes())); // aload_0 getfield
        Code get = new Code();
        get.op(0x2b).op(0xc0).u2(target).op(0xb8).u2(pool.member(10, self, "get", getDescriptor)); // aload_1 checkcast
        switch (conversion) {
            case BYTE_UNSIGNED -> get.op(0x11).u2(0xff).op(0x7e); // sipush 255 iand
            case SHORT_UNSIGNED -> get.op(0x92); // i2c: the low 16 bits, zero-extended
            case INT_UNSIGNED -> get.op(0x85).op(0x14).u2(pool.longConstant(0xFFFF_FFFFL)).op(0x7f); // i2l ldc2_w land
            case NONE -> {
            }
        }
        if (type == float.class) {
            get.op(0x8d); // f2d
        }
        get.op(shape.ret());
        methods.add(method(pool, shape.getName(), shape.getDescriptor(), code, 4, 2, 0x0001, get.bytes()));
        if (setter) {
            methods.add(method(pool, "put", putDescriptor, code, 3, 3, 0x000a, new Code().op(0x2a)
                    .op(loadOf(type, 1)).op(0xb5).u2(fieldRef).op(0xb1).bytes())); // aload_0 xload_1 putfield
            Code set = new Code();
            set.op(0x2b).op(0xc0).u2(target).op(shape.load()); // aload_1 checkcast, the value
            if (type == byte.class) {
                set.op(0x91); // i2b
            } else if (type == short.class) {
                set.op(0x93); // i2s
            } else if (type == char.class) {
                set.op(0x92); // i2c
            } else if (type == int.class && holder == Holder.LONG) {
                set.op(0x88); // l2i: a u32's bits
            } else if (type == float.class) {
                set.op(0x90); // d2f
            } else if (!type.isPrimitive() && type != Object.class) {
                set.op(0xc0).u2(pool.type(type.isArray() ? fieldDescriptor : type.getName().replace('.', '/')));
            }
            set.op(0xb8).u2(pool.member(10, self, "put", putDescriptor)).op(0xb1); // invokestatic put, return
            methods.add(method(pool, "accept", shape.setDescriptor(), code, 4, 4, 0x0001, set.bytes()));
        }

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(61);
            pool.write(out);
            out.writeShort(0x0031); // public final super
            out.writeShort(self);
            out.writeShort(object);
            out.writeShort(setter ? 2 : 1);
            out.writeShort(getInterface);
            if (setter) {
                out.writeShort(setInterface);
            }
            out.writeShort(0); // fields
            out.writeShort(methods.size());
            for (byte[] m : methods) {
                out.write(m);
            }
            out.writeShort(0); // attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] method(Pool pool, String name, String descriptor, int codeName, int maxStack,
            int maxLocals, int access, byte[] code) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeShort(access);
            out.writeShort(pool.utf8(name));
            out.writeShort(pool.utf8(descriptor));
            out.writeShort(1);
            out.writeShort(codeName);
            out.writeInt(12 + code.length);
            out.writeShort(maxStack);
            out.writeShort(maxLocals);
            out.writeInt(code.length);
            out.write(code);
            out.writeShort(0); // exception table
            out.writeShort(0); // attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** {@code xreturn} of a value of {@code type}. */
    private static int returnOf(Class<?> type) {
        return !type.isPrimitive() ? 0xb0 : type == long.class ? 0xad : type == double.class ? 0xaf
                : type == float.class ? 0xae : 0xac;
    }

    /** {@code xload_n} (n 0 to 3) of a value of {@code type}. */
    private static int loadOf(Class<?> type, int n) {
        int base = !type.isPrimitive() ? 0x2a : type == long.class ? 0x1e : type == double.class ? 0x26
                : type == float.class ? 0x22 : 0x1a;
        return base + n;
    }

    /** A method's bytecode. */
    private static final class Code {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Code op(int opcode) {
            bytes.write(opcode);
            return this;
        }

        Code u2(int v) {
            bytes.write(v >> 8);
            bytes.write(v);
            return this;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    /** A constant pool: each entry once, numbered from 1 (a long takes two numbers). */
    private static final class Pool {
        private final Map<String, Integer> index = new LinkedHashMap<>();
        private final ByteArrayOutputStream entries = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(entries);
        private int next = 1;

        private int entry(String key, int slots, Writer w) {
            Integer i = index.get(key);
            if (i != null) {
                return i;
            }
            try {
                w.write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            index.put(key, next);
            next += slots;
            return next - slots;
        }

        int utf8(String s) {
            return entry("u" + s, 1, o -> {
                o.writeByte(1);
                o.writeUTF(s);
            });
        }

        int type(String internalName) {
            int name = utf8(internalName);
            return entry("c" + internalName, 1, o -> {
                o.writeByte(7);
                o.writeShort(name);
            });
        }

        int longConstant(long v) {
            return entry("j" + v, 2, o -> {
                o.writeByte(5);
                o.writeLong(v);
            });
        }

        /** A Fieldref (tag 9) or Methodref (tag 10) of {@code owner}'s {@code name}. */
        int member(int tag, int owner, String name, String descriptor) {
            int n = utf8(name);
            int d = utf8(descriptor);
            int nat = entry("n" + name + ":" + descriptor, 1, o -> {
                o.writeByte(12);
                o.writeShort(n);
                o.writeShort(d);
            });
            return entry(tag + ":" + owner + "." + name + ":" + descriptor, 1, o -> {
                o.writeByte(tag);
                o.writeShort(owner);
                o.writeShort(nat);
            });
        }

        void write(DataOutputStream to) throws IOException {
            to.writeShort(next);
            to.write(entries.toByteArray());
        }

        private interface Writer {
            void write(DataOutputStream out) throws IOException;
        }
    }
}
