import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../src-main/app/open-external.ts';

describe('openExternal allowlist', () => {
  it('allows https URLs on allowlisted hosts only', () => {
    expect(isAllowedExternalUrl('https://docs.polygon.technology/payments/')).toBe(true);
    expect(isAllowedExternalUrl('http://docs.polygon.technology/')).toBe(false);
    expect(isAllowedExternalUrl('https://docs.polygon.technology.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@docs.polygon.technology/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });
});
