import { classifyMessage } from '../classify-message';
import { compileProfile } from '../compiled-profile';
import type { ComplianceProfileInput } from '../compliance-profile.types';
import { validateProfile } from '../profile-validator';
import { smsSegments } from '../sms-segments.util';
import { DEFAULT_PHRASE_OPT_OUT_REPLIES } from './phrase-replies';

function classifierFor(input: ComplianceProfileInput) {
  const validation = validateProfile(input);
  if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
  const compiled = compileProfile(validation.profile, 4);
  return (body: string, country: string | null = 'US') => classifyMessage(compiled, { body, country });
}

describe('classifyMessage in reasonable revocation mode', () => {
  const reasonable = classifierFor({ revocation: { mode: 'reasonable' } });
  const keywords = classifierFor({});

  it('opts out by phrase: no keyword, match phrase, the rule, the confirmation in the phrase language', () => {
    expect(reasonable('Please stop texting me')).toEqual({
      kind: 'optOut',
      match: 'phrase',
      rule: 'en.stop-texting',
      keyword: null,
      scope: null,
      language: 'en',
      country: 'US',
      reply: DEFAULT_PHRASE_OPT_OUT_REPLIES.en,
      replySegments: smsSegments(DEFAULT_PHRASE_OPT_OUT_REPLIES.en),
    });
    expect(reasonable('Keine SMS mehr bitte', 'DE')).toMatchObject({ kind: 'optOut', rule: 'de.no-more-messages', language: 'de', reply: DEFAULT_PHRASE_OPT_OUT_REPLIES.de });
  });

  it('sends an ambiguous text to review with no reply', () => {
    expect(reasonable('wrong number')).toEqual(
      expect.objectContaining({ kind: 'review', match: 'phrase', rule: 'en.wrong-number', keyword: null, reply: null, replySegments: null }),
    );
  });

  it('lets a keyword win, exactly as in keywords mode', () => {
    for (const body of ['STOP', 'start', 'HELP', 'Cancel.']) {
      expect(reasonable(body)).toEqual(keywords(body));
    }
  });

  it('answers nothing for an ordinary text, and keywords mode never looks at phrases', () => {
    expect(reasonable("I'll stop by later").kind).toBeNull();
    expect(keywords('Please stop texting me')).toMatchObject({ kind: null, match: null, rule: null });
    expect(keywords('wrong number').kind).toBeNull();
  });

  it("uses the account's message for the language when it has one, else its own global text as written", () => {
    const withFrench = classifierFor({
      revocation: { mode: 'reasonable' },
      overrides: [{ language: 'fr', optOut: { message: 'Acme : désabonnement confirmé.' } }],
    });
    expect(withFrench("Ne m'envoyez plus de messages").reply).toBe('Acme : désabonnement confirmé.');
    const branded = classifierFor({ revocation: { mode: 'reasonable' }, optOut: { message: 'Acme: unsubscribed.' } });
    expect(branded('Dejen de enviarme mensajes').reply).toBe('Acme: unsubscribed.');
  });

  it('works whatever the profile says about languages: a Spanish-only profile still reads Italian', () => {
    const spanish = classifierFor({ revocation: { mode: 'reasonable' }, overrides: [{ language: 'es', optOut: { keywords: ['BAJA'] } }] });
    expect(spanish('Non scrivetemi più', 'IT')).toMatchObject({ kind: 'optOut', language: 'it' });
  });
});

describe('the revocation setting of a profile', () => {
  it('defaults to keywords and is kept in the effective profile', () => {
    const accepted = validateProfile({});
    expect(accepted.ok && accepted.profile.revocation).toEqual({ mode: 'keywords' });
    const reasonable = validateProfile({ revocation: { mode: 'reasonable' } });
    expect(reasonable.ok && reasonable.profile.revocation).toEqual({ mode: 'reasonable' });
  });

  it.each([
    [{ revocation: 'reasonable' }, 'revocation', 'invalid_type'],
    [{ revocation: null }, 'revocation', 'invalid_type'],
    [{ revocation: { mode: 'loose' } }, 'revocation.mode', 'invalid_revocation_mode'],
    [{ revocation: { mode: 1 } }, 'revocation.mode', 'invalid_revocation_mode'],
    [{ revocation: { mode: 'reasonable', langs: ['en'] } }, 'revocation.langs', 'unknown_field'],
  ])('refuses %j at %s (%s)', (input, path, rule) => {
    const result = validateProfile(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path, rule })]));
  });

  it('a stored profile without the setting compiles to keywords mode', () => {
    const validation = validateProfile({});
    if (!validation.ok) throw new Error('refused');
    const { revocation: _left, ...stored } = validation.profile;
    expect(compileProfile(stored, 1).revocationMode).toBe('keywords');
  });
});
