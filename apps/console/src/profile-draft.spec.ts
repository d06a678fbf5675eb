import { documentToSend, fieldErrorsOf } from './profile-draft';

describe('the profile editor draft', () => {
  const globals = { optOut: { keywords: ['STOP'], message: 'Bye' }, optIn: { keywords: ['START'], message: 'Hi' }, help: { keywords: ['HELP'], message: 'Help' } };

  it('leaves out an override kind the admin left empty, keeping every index the API will name', () => {
    const sent = documentToSend({
      ...globals,
      overrides: [
        { country: 'CA', language: '', optOut: { keywords: [], message: '' }, optIn: { keywords: ['OUI', ''], message: '' } },
        { language: 'fr', help: { message: 'Aide' } },
      ],
    });
    expect(sent.overrides).toEqual([{ country: 'CA', optIn: { keywords: ['OUI', ''] } }, { language: 'fr', help: { message: 'Aide' } }]);
    // Global fields go as edited, an empty message included: the API refuses it at its field.
    expect(documentToSend({ ...globals, optOut: { keywords: ['STOP'], message: '' }, overrides: [] }).optOut).toEqual({ keywords: ['STOP'], message: '' });
  });

  it('groups the API error details by path, falling back to field', () => {
    const errors = fieldErrorsOf([
      { path: 'optOut.keywords[1]', message: 'a' },
      { path: 'optOut.keywords[1]', message: 'b' },
      { field: 'overrides[0].country', message: 'c' },
      { message: 'd' },
    ]);
    expect([...errors]).toEqual([
      ['optOut.keywords[1]', ['a', 'b']],
      ['overrides[0].country', ['c']],
      ['', ['d']],
    ]);
  });
});
