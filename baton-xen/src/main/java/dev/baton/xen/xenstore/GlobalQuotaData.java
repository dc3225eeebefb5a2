package dev.baton.xen.xenstore;

import java.util.List;
import java.util.stream.Collectors;

/**
 * GLOBAL_QUOTA_DATA: xenstored's quota settings, for live update.
 *
 * <pre>
 *   0  u16  n-dom-quota    quotas that apply per domain by default
 *   2  u16  n-glob-quota   quotas that apply globally only
 *   4  u32  quota-val[n-dom-quota + n-glob-quota]   per-domain ones first
 *      the names, NUL-terminated, in the same order
 * </pre>
 */
public record GlobalQuotaData(List<Quota> domainQuotas, List<Quota> globalQuotas) implements XenstoreRecord {
    static final int FIXED = 4;

    public GlobalQuotaData {
        domainQuotas = List.copyOf(domainQuotas);
        globalQuotas = List.copyOf(globalQuotas);
        Fields.u16("n-dom-quota", domainQuotas.size());
        Fields.u16("n-glob-quota", globalQuotas.size());
    }

    @Override
    public XenstoreRecordType type() {
        return XenstoreRecordType.GLOBAL_QUOTA_DATA;
    }

    @Override
    public String summary() {
        return "per domain: " + join(domainQuotas) + "; global: " + join(globalQuotas);
    }

    static String join(List<Quota> quotas) {
        return quotas.isEmpty() ? "none" : quotas.stream().map(Quota::toString).collect(Collectors.joining(" "));
    }
}
