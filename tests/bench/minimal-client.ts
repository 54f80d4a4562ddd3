/**
 * The baseline the sync is compared with: a hand-written client doing the same job (read every CRM
 * contact, create a billing customer per contact) with nothing but fetch and a fixed pool, no
 * mapping engine, no state, no logs. What "as fast as the API allows" looks like from one process.
 */
export async function minimalCopy(
  crm: { url: string; token: string },
  billing: { url: string; secretKey: string },
  concurrency = 16,
): Promise<{ records: number; ms: number }> {
  const t0 = performance.now();
  let after: string | undefined;
  let records = 0;
  for (;;) {
    const q = new URLSearchParams({ limit: '100', properties: 'email,firstname,lastname,phone' });
    if (after) q.set('after', after);
    const res = await fetch(`${crm.url}/crm/v3/objects/contacts?${q}`, {
      headers: { authorization: `Bearer ${crm.token}` },
    });
    const page = (await res.json()) as {
      results: { id: string; properties: Record<string, string | null> }[];
      paging?: { next?: { after?: string } };
    };
    let next = 0;
    const worker = async () => {
      while (next < page.results.length) {
        const c = page.results[next++]!;
        const body = new URLSearchParams({
          email: c.properties.email ?? '',
          name: `${c.properties.firstname ?? ''} ${c.properties.lastname ?? ''}`.trim(),
          'metadata[crm_id]': c.id,
        });
        const r = await fetch(`${billing.url}/v1/customers`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${billing.secretKey}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body,
        });
        await r.arrayBuffer();
        records++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    after = page.paging?.next?.after;
    if (!after) break;
  }
  return { records, ms: performance.now() - t0 };
}
