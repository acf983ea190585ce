import { describe, expect, it } from 'vitest';
import { createConsentReceipt, generateSignerKey, newSigner, newVerifier, verifyConsentReceipt, type ConsentReceipt } from '../../src/index.ts';
import { at, DS, named, ORG, rec, scope } from './helpers.ts';

const ORIGIN = 'steward.example/riders';
const key = generateSignerKey(ORIGIN, new Uint8Array(32).fill(7));
const otherKey = generateSignerKey(ORIGIN, new Uint8Array(32).fill(8));
const verifier = newVerifier(key.vkey);

const record = rec('member-1', 12, {
  scope: scope({ datasets: [{ datasetId: DS, fields: ['pay'] }], purposes: ['dpv:AcademicResearch', 'stw:CollectiveBargaining'], recipients: [{ category: 'academic' }, named(ORG)] }),
  expiresAt: at(365),
  reviewAt: at(180),
});

function receipt(): ConsentReceipt {
  return createConsentReceipt({
    record,
    controller: { id: 'col-1', name: 'Riders Union', url: 'https://riders.example' },
    datasets: [{ id: DS, name: 'Trips', categories: ['pd:Income', 'pd:Location', 'pd:Income'] }],
    logIndex: 41,
    signer: key.skey,
    origin: ORIGIN,
  });
}

describe('consent receipt', () => {
  it('carries the ISO/IEC TS 27560 fields with DPV IRIs', () => {
    const r = receipt();
    expect(r).toMatchObject({ v: 1, type: 'steward-consent-receipt' });
    expect(r.record).toMatchObject({
      identifier: record.id,
      dataSubject: 'member-1',
      controller: { id: 'col-1', name: 'Riders Union', url: 'https://riders.example' },
      personalDataCategories: ['https://w3id.org/dpv/pd#Income', 'https://w3id.org/dpv/pd#Location'],
      datasets: [{ id: DS, name: 'Trips', fields: ['pay'] }],
      legalBasis: { id: 'dpv:Consent', iri: 'https://w3id.org/dpv#Consent' },
      status: { id: 'given', iri: 'https://w3id.org/dpv#ConsentGiven' },
      method: 'web',
      notice: { algorithm: 'sha-256', digest: record.noticeDigest },
      recordedAt: record.recordedAt.toISOString(),
      expiresAt: at(365).toISOString(),
      logIndex: 41,
    });
    expect(r.record.purposes[1]).toEqual({ id: 'stw:CollectiveBargaining', iri: 'https://steward.coop/ns#CollectiveBargaining', label: 'Collective bargaining' });
    expect(r.record.recipients[1]).toMatchObject({ category: 'academic', requesterId: ORG });
    expect(r.signature.startsWith(`steward consent receipt v1\n${ORIGIN}\n`)).toBe(true);
  });

  it('signature verifies with the verifier key, also after a JSON round trip', () => {
    const r = receipt();
    const result = verifyConsentReceipt(JSON.parse(JSON.stringify(r)), key.vkey);
    expect(result).toMatchObject({ ok: true, origin: ORIGIN });
    if (result.ok) expect(result.record).toEqual(r.record);
    expect(verifyConsentReceipt(r, [verifier]).ok).toBe(true);
    // The same receipt from a NoteSigner object.
    expect(createConsentReceipt({ record, controller: { id: 'col-1', name: 'Riders Union', url: 'https://riders.example' }, datasets: [{ id: DS, name: 'Trips', categories: ['pd:Income', 'pd:Location'] }], logIndex: 41, signer: newSigner(key.skey), origin: ORIGIN })).toEqual(r);
  });

  it('a changed byte anywhere in the record fails', () => {
    const r = receipt();
    const text = JSON.stringify(r.record);
    let tried = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i] === 'a' ? 'b' : text[i] === '0' ? '1' : 'a';
      let changed: unknown;
      try {
        changed = JSON.parse(text.slice(0, i) + c + text.slice(i + 1));
      } catch {
        continue; // not JSON any more: nothing to verify
      }
      tried++;
      const result = verifyConsentReceipt({ ...r, record: changed }, [verifier]);
      expect(result.ok, `byte ${i}`).toBe(false);
      if (!result.ok) expect(['digest', 'malformed']).toContain(result.reason);
    }
    expect(tried).toBeGreaterThan(text.length / 2);
  });

  it('a changed byte anywhere in the signature fails', () => {
    const r = receipt();
    for (let i = 0; i < r.signature.length; i++) {
      const c = r.signature[i] === 'A' ? 'B' : 'A';
      const signature = r.signature.slice(0, i) + c + r.signature.slice(i + 1);
      expect(verifyConsentReceipt({ ...r, signature }, [verifier]).ok, `byte ${i}`).toBe(false);
    }
  });

  it('a wrong key fails, and so does a receipt signed by another key of the same name', () => {
    const r = receipt();
    expect(verifyConsentReceipt(r, otherKey.vkey)).toMatchObject({ ok: false, reason: 'signature' });
    expect(verifyConsentReceipt(r, generateSignerKey('someone.else', new Uint8Array(32).fill(7)).vkey)).toMatchObject({ ok: false, reason: 'signature' });
    const forged = createConsentReceipt({ record, controller: { id: 'col-1', name: 'Riders Union' }, datasets: [{ id: DS, name: 'Trips', categories: [] }], signer: otherKey.skey, origin: ORIGIN });
    expect(verifyConsentReceipt(forged, key.vkey)).toMatchObject({ ok: false, reason: 'signature' });
  });

  it('a note signed for another origin is refused', () => {
    const mallory = generateSignerKey('mallory.example', new Uint8Array(32).fill(9));
    const r = createConsentReceipt({ record, controller: { id: 'col-1', name: 'Riders Union' }, datasets: [{ id: DS, name: 'Trips', categories: [] }], signer: mallory.skey, origin: ORIGIN });
    expect(verifyConsentReceipt(r, [key.vkey, mallory.vkey])).toMatchObject({ ok: false, reason: 'origin' });
  });

  it('never throws on junk', () => {
    for (const junk of [null, 1, 'x', [], {}, { v: 1, type: 'steward-consent-receipt', record: {}, signature: 'x' }, { ...receipt(), record: { n: 1.5 } }, { ...receipt(), v: 2 }]) {
      expect(verifyConsentReceipt(junk, key.vkey).ok).toBe(false);
    }
  });
});
