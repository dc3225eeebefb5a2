package dev.baton.xen.xenstore;

import java.util.List;

/**
 * DOMAIN_DATA: one domain's quotas and features; at most once per domain.
 *
 * <pre>
 *   0  u16  domain-id
 *   2  u16  n-quota
 *   4  u32  features       from version 2; written as zero and ignored in version 1
 *   8  u32  quota-val[n-quota]
 *      the names, NUL-terminated, in the same order
 * </pre>
 *
 * @param domid    the domain
 * @param features the feature field the guest sees at offset 2064 of its ring page
 * @param quotas   the domain's own quota values
 */
public record DomainData(int domid, long features, List<Quota> quotas) implements XenstoreRecord {
    static final int FIXED = 8;

    public DomainData {
        Fields.u16("domain-id", domid);
        Fields.u32("features", features);
        quotas = List.copyOf(quotas);
        Fields.u16("n-quota", quotas.size());
    }

    @Override
    public XenstoreRecordType type() {
        return XenstoreRecordType.DOMAIN_DATA;
    }

    @Override
    public String summary() {
        return "domain " + domid + ", features 0x" + Long.toHexString(features) + ", quotas "
                + GlobalQuotaData.join(quotas);
    }
}
