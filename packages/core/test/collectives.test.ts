import { describe, expect, it } from 'vitest';
import { authorize, can, ForbiddenError, invitationStatus, PERMISSIONS, ROLES, ValidationError, validateNewCollective, type Invitation } from '../src/index.ts';

describe('collectives', () => {
  it('cleans a valid collective', () => {
    expect(validateNewCollective({ slug: ' Riders-Union ', name: ' Riders ', kind: 'union' })).toEqual({ slug: 'riders-union', name: 'Riders', kind: 'union', description: '' });
  });
  it('names every bad field', () => {
    try {
      validateNewCollective({ slug: '-x', name: 'a', kind: 'club' });
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => i.field)).toEqual(['slug', 'name', 'kind']);
    }
  });
  it('reserves slugs that clash with routes', () => {
    expect(() => validateNewCollective({ slug: 'api', name: 'API', kind: 'trust' })).toThrow(/reserved/);
  });
});

describe('roles and permissions', () => {
  it('only stewards manage invitations and datasets', () => {
    for (const action of ['invitations.create', 'datasets.create', 'members.list'] as const) {
      expect(ROLES.filter((r) => can([r], action))).toEqual(['steward']);
    }
  });
  it('[S1] only members read their own records; stewards do not get raw rows', () => {
    expect(ROLES.filter((r) => can([r], 'records.own.view'))).toEqual(['member']);
  });
  it('no role means no access to anything', () => {
    for (const action of Object.keys(PERMISSIONS) as Array<keyof typeof PERMISSIONS>) {
      expect(() => authorize([], action)).toThrow(ForbiddenError);
    }
  });
});

describe('invitation status', () => {
  const inv: Invitation = {
    id: 'i', collectiveId: 'c', role: 'member', tokenHash: 'h', createdBy: 'u', note: '',
    createdAt: new Date('2026-01-01T00:00:00Z'), expiresAt: new Date('2026-01-15T00:00:00Z'), usedAt: null, usedBy: null, revokedAt: null,
  };
  it('is open until it expires, exactly at the expiry instant', () => {
    expect(invitationStatus(inv, new Date('2026-01-14T23:59:59Z'))).toBe('open');
    expect(invitationStatus(inv, new Date('2026-01-15T00:00:00Z'))).toBe('expired');
  });
  it('used and revoked win over expiry', () => {
    expect(invitationStatus({ ...inv, usedAt: new Date() }, new Date('2027-01-01'))).toBe('used');
    expect(invitationStatus({ ...inv, revokedAt: new Date() }, new Date('2026-01-02'))).toBe('revoked');
  });
});
