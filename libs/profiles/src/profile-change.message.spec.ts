import { decodeProfileChange, encodeProfileChange, profileChangeChannel } from './profile-change.message';

describe('profile change messages', () => {
  it('round-trip', () => {
    const change = { accountId: 'a1b2', version: 7 };
    expect(decodeProfileChange(encodeProfileChange(change))).toEqual(change);
  });

  it.each(['', 'not json', 'null', '{}', '{"accountId":"a","version":-1}', '{"accountId":"a","version":1.5}', '{"accountId":"","version":1}', '{"accountId":1,"version":1}'])(
    'refuses %j',
    (raw) => expect(decodeProfileChange(raw)).toBeNull(),
  );

  it('names a channel under the key prefix, without the hash-tag braces', () => {
    expect(profileChangeChannel({ queuePrefix: '{optout}' })).toBe('optout:compliance-profile-changes');
  });
});
