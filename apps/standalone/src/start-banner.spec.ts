import { startBanner } from './start-banner';

describe('startBanner', () => {
  const facts = { base: 'http://127.0.0.1:3000', adminToken: 'adm_s3cr3t-s3cr3t-s3cr3t', tokenFile: '/app/.data/admin-token' };

  it('shows a token it generated, where it is kept, and uses it in the examples', () => {
    const banner = startBanner({ ...facts, generatedToken: true });
    expect(banner).toContain('Admin token:  adm_s3cr3t-s3cr3t-s3cr3t   (generated; kept in /app/.data/admin-token)');
    expect(banner).toContain('authorization: Bearer adm_s3cr3t-s3cr3t-s3cr3t');
  });

  it('never prints a token that came from the environment (issue 13, item 9)', () => {
    const banner = startBanner({ ...facts, generatedToken: false });
    expect(banner).not.toContain('adm_s3cr3t');
    expect(banner).toContain('from the environment (ADMIN_TOKEN; not shown)');
    expect(banner).toContain('authorization: Bearer $ADMIN_TOKEN');
  });
});
