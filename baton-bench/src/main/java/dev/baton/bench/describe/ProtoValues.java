package dev.baton.bench.describe;

import dev.baton.bench.proto.MediaProto;
import dev.baton.bench.proto.PrimitivesProto;
import dev.baton.bench.values.Image;
import dev.baton.bench.values.Media;
import dev.baton.bench.values.MediaContent;
import dev.baton.bench.values.MediaList;
import dev.baton.bench.values.Primitives;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark values as protobuf messages, and back. protobuf-java saves and loads its own
 * generated classes, so its benchmarks time those: the copy between them and the plain objects
 * is done once here, outside the timing (as jvm-serializers does too).
 */
public final class ProtoValues {
    private ProtoValues() {
    }

    public static MediaProto.MediaContent toProto(MediaContent c) {
        Media m = c.media;
        MediaProto.Media.Builder media = MediaProto.Media.newBuilder()
                .setUri(m.uri)
                .setWidth(m.width)
                .setHeight(m.height)
                .setFormat(m.format)
                .setDuration(m.duration)
                .setSize(m.size)
                .addAllPerson(m.persons)
                .setPlayer(MediaProto.Media.Player.forNumber(m.player.ordinal()));
        if (m.title != null) {
            media.setTitle(m.title);
        }
        if (m.hasBitrate) {
            media.setBitrate(m.bitrate);
        }
        if (m.copyright != null) {
            media.setCopyright(m.copyright);
        }
        MediaProto.MediaContent.Builder content = MediaProto.MediaContent.newBuilder().setMedia(media);
        for (Image i : c.images) {
            MediaProto.Image.Builder image = MediaProto.Image.newBuilder()
                    .setUri(i.uri)
                    .setWidth(i.width)
                    .setHeight(i.height)
                    .setSize(MediaProto.Image.Size.forNumber(i.size.ordinal()));
            if (i.title != null) {
                image.setTitle(i.title);
            }
            content.addImage(image);
        }
        return content.build();
    }

    public static MediaContent fromProto(MediaProto.MediaContent c) {
        MediaProto.Media pm = c.getMedia();
        Media m = new Media();
        m.uri = pm.getUri();
        m.title = pm.hasTitle() ? pm.getTitle() : null;
        m.width = pm.getWidth();
        m.height = pm.getHeight();
        m.format = pm.getFormat();
        m.duration = pm.getDuration();
        m.size = pm.getSize();
        m.hasBitrate = pm.hasBitrate();
        m.bitrate = pm.getBitrate();
        m.persons = new ArrayList<>(pm.getPersonList());
        m.player = Media.Player.values()[pm.getPlayer().getNumber()];
        m.copyright = pm.hasCopyright() ? pm.getCopyright() : null;
        List<Image> images = new ArrayList<>();
        for (MediaProto.Image pi : c.getImageList()) {
            images.add(new Image(pi.getUri(), pi.hasTitle() ? pi.getTitle() : null, pi.getWidth(), pi.getHeight(),
                    Image.Size.values()[pi.getSize().getNumber()]));
        }
        return new MediaContent(m, images);
    }

    /** A repeated message of the list's values, in order. */
    public static MediaProto.MediaContentList toProto(MediaList l) {
        MediaProto.MediaContentList.Builder list = MediaProto.MediaContentList.newBuilder();
        for (MediaContent c : l.items) {
            list.addItem(toProto(c));
        }
        return list.build();
    }

    public static MediaList fromProto(MediaProto.MediaContentList l) {
        List<MediaContent> items = new ArrayList<>(l.getItemCount());
        for (MediaProto.MediaContent c : l.getItemList()) {
            items.add(fromProto(c));
        }
        return new MediaList(items);
    }

    public static PrimitivesProto.Primitives toProto(Primitives p) {
        return PrimitivesProto.Primitives.newBuilder()
                .setF00(p.f00)
                .setF01(p.f01)
                .setF02(p.f02)
                .setF03(p.f03)
                .setF04(p.f04)
                .setF05(p.f05)
                .setF06(p.f06)
                .setF07(p.f07)
                .setF08(p.f08)
                .setF09(p.f09)
                .setF10(p.f10)
                .setF11(p.f11)
                .setF12(p.f12)
                .setF13(p.f13)
                .setF14(p.f14)
                .setF15(p.f15)
                .setF16(p.f16)
                .setF17(p.f17)
                .setF18(p.f18)
                .setF19(p.f19)
                .setF20(p.f20)
                .setF21(p.f21)
                .setF22(p.f22)
                .setF23(p.f23)
                .setF24(p.f24)
                .setF25(p.f25)
                .setF26(p.f26)
                .setF27(p.f27)
                .setF28(p.f28)
                .setF29(p.f29)
                .setF30(p.f30)
                .setF31(p.f31)
                .setF32(p.f32)
                .setF33(p.f33)
                .setF34(p.f34)
                .setF35(p.f35)
                .setF36(p.f36)
                .setF37(p.f37)
                .setF38(p.f38)
                .setF39(p.f39)
                .setF40(p.f40)
                .setF41(p.f41)
                .setF42(p.f42)
                .setF43(p.f43)
                .setF44(p.f44)
                .setF45(p.f45)
                .setF46(p.f46)
                .setF47(p.f47)
                .setF48(p.f48)
                .setF49(p.f49)
                .setF50(p.f50)
                .setF51(p.f51)
                .setF52(p.f52)
                .setF53(p.f53)
                .setF54(p.f54)
                .setF55(p.f55)
                .setF56(p.f56)
                .setF57(p.f57)
                .setF58(p.f58)
                .setF59(p.f59)
                .setF60(p.f60)
                .setF61(p.f61)
                .setF62(p.f62)
                .setF63(p.f63)
                .setF64(p.f64)
                .setF65(p.f65)
                .setF66(p.f66)
                .setF67(p.f67)
                .setF68(p.f68)
                .setF69(p.f69)
                .setF70(p.f70)
                .setF71(p.f71)
                .setF72(p.f72)
                .setF73(p.f73)
                .setF74(p.f74)
                .setF75(p.f75)
                .setF76(p.f76)
                .setF77(p.f77)
                .setF78(p.f78)
                .setF79(p.f79)
                .setF80(p.f80)
                .setF81(p.f81)
                .setF82(p.f82)
                .setF83(p.f83)
                .setF84(p.f84)
                .setF85(p.f85)
                .setF86(p.f86)
                .setF87(p.f87)
                .setF88(p.f88)
                .setF89(p.f89)
                .setF90(p.f90)
                .setF91(p.f91)
                .setF92(p.f92)
                .setF93(p.f93)
                .setF94(p.f94)
                .setF95(p.f95)
                .setF96(p.f96)
                .setF97(p.f97)
                .setF98(p.f98)
                .setF99(p.f99)
                .build();
    }

    public static Primitives fromProto(PrimitivesProto.Primitives m) {
        Primitives p = new Primitives();
        p.f00 = m.getF00();
        p.f01 = m.getF01();
        p.f02 = m.getF02();
        p.f03 = m.getF03();
        p.f04 = m.getF04();
        p.f05 = m.getF05();
        p.f06 = m.getF06();
        p.f07 = m.getF07();
        p.f08 = m.getF08();
        p.f09 = m.getF09();
        p.f10 = m.getF10();
        p.f11 = m.getF11();
        p.f12 = m.getF12();
        p.f13 = m.getF13();
        p.f14 = m.getF14();
        p.f15 = m.getF15();
        p.f16 = m.getF16();
        p.f17 = m.getF17();
        p.f18 = m.getF18();
        p.f19 = m.getF19();
        p.f20 = m.getF20();
        p.f21 = m.getF21();
        p.f22 = m.getF22();
        p.f23 = m.getF23();
        p.f24 = m.getF24();
        p.f25 = m.getF25();
        p.f26 = m.getF26();
        p.f27 = m.getF27();
        p.f28 = m.getF28();
        p.f29 = m.getF29();
        p.f30 = m.getF30();
        p.f31 = m.getF31();
        p.f32 = m.getF32();
        p.f33 = m.getF33();
        p.f34 = m.getF34();
        p.f35 = m.getF35();
        p.f36 = m.getF36();
        p.f37 = m.getF37();
        p.f38 = m.getF38();
        p.f39 = m.getF39();
        p.f40 = m.getF40();
        p.f41 = m.getF41();
        p.f42 = m.getF42();
        p.f43 = m.getF43();
        p.f44 = m.getF44();
        p.f45 = m.getF45();
        p.f46 = m.getF46();
        p.f47 = m.getF47();
        p.f48 = m.getF48();
        p.f49 = m.getF49();
        p.f50 = m.getF50();
        p.f51 = m.getF51();
        p.f52 = m.getF52();
        p.f53 = m.getF53();
        p.f54 = m.getF54();
        p.f55 = m.getF55();
        p.f56 = m.getF56();
        p.f57 = m.getF57();
        p.f58 = m.getF58();
        p.f59 = m.getF59();
        p.f60 = m.getF60();
        p.f61 = m.getF61();
        p.f62 = m.getF62();
        p.f63 = m.getF63();
        p.f64 = m.getF64();
        p.f65 = m.getF65();
        p.f66 = m.getF66();
        p.f67 = m.getF67();
        p.f68 = m.getF68();
        p.f69 = m.getF69();
        p.f70 = m.getF70();
        p.f71 = m.getF71();
        p.f72 = m.getF72();
        p.f73 = m.getF73();
        p.f74 = m.getF74();
        p.f75 = m.getF75();
        p.f76 = m.getF76();
        p.f77 = m.getF77();
        p.f78 = m.getF78();
        p.f79 = m.getF79();
        p.f80 = m.getF80();
        p.f81 = m.getF81();
        p.f82 = m.getF82();
        p.f83 = m.getF83();
        p.f84 = m.getF84();
        p.f85 = m.getF85();
        p.f86 = m.getF86();
        p.f87 = m.getF87();
        p.f88 = m.getF88();
        p.f89 = m.getF89();
        p.f90 = m.getF90();
        p.f91 = m.getF91();
        p.f92 = m.getF92();
        p.f93 = m.getF93();
        p.f94 = m.getF94();
        p.f95 = m.getF95();
        p.f96 = m.getF96();
        p.f97 = m.getF97();
        p.f98 = m.getF98();
        p.f99 = m.getF99();
        return p;
    }
}
