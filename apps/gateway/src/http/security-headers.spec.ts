import { withFrameAncestorsNone } from './security-headers';

describe('withFrameAncestorsNone', () => {
  it('is the whole policy when the page set none', () => {
    expect(withFrameAncestorsNone(undefined)).toBe("frame-ancestors 'none'");
  });

  it('adds the directive to a policy of the page, and replaces a looser one', () => {
    expect(withFrameAncestorsNone("default-src 'self';")).toBe("default-src 'self'; frame-ancestors 'none'");
    expect(withFrameAncestorsNone("default-src 'self'; frame-ancestors https://evil.example")).toBe("default-src 'self'; frame-ancestors 'none'");
    expect(withFrameAncestorsNone('frame-ancestors *')).toBe("frame-ancestors 'none'");
  });
});
