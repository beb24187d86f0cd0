import { describe, expect, it } from 'vitest';
import { parseCannedTexts } from './canned-texts.ts';

describe('parseCannedTexts', () => {
  it('reads replies for every role, for one role, and their labels; ignores other texts', () => {
    const { replies, problems } = parseCannedTexts({
      'services.helpline.description': 'x',
      'canned.school-plan': 'We maken samen een plan met {helpline}.',
      'canned.school-plan.label': 'Plan met school',
      'canned.school-plan.professional': 'Zullen we een plan voor de klas maken?',
      'canned.first-contact.parent': 'Goedendag, ik ben {counsellor}. Is uw kind nu veilig?',
    });
    expect(problems).toEqual([]);
    expect(replies).toEqual([
      {
        id: 'school-plan',
        label: 'Plan met school',
        text: 'We maken samen een plan met {helpline}.',
        byRole: { professional: 'Zullen we een plan voor de klas maken?' },
      },
      { id: 'first-contact', byRole: { parent: 'Goedendag, ik ben {counsellor}. Is uw kind nu veilig?' } },
    ]);
  });

  it.each([
    [{ 'canned.x.teacher': 'a', 'canned.x.label': 'X' }, 'canned.x.teacher: "teacher" is not a role'],
    [{ 'canned.x': 'Hi {name}', 'canned.x.label': 'X' }, 'canned.x: unknown placeholder {name}'],
    [{ 'canned.x': 'Hi' }, 'canned.x: needs a label: canned.x.label'],
    [{ 'canned.x.label': 'X' }, 'canned.x.label: a label without a reply'],
    [{ 'canned.X_Y': 'a' }, 'canned.X_Y: a standard reply key is'],
    [
      { 'canned.first-contact': 'Hallo, ben je veilig?' },
      'canned.first-contact: the first contact introduces',
    ],
  ])('%j → %s', (texts, expected) => {
    const found = parseCannedTexts(texts).problems.map((p) => `${p.key}: ${p.message}`);
    expect(
      found.some((p) => p.startsWith(expected)),
      found.join('\n'),
    ).toBe(true);
  });

  it('lets a built-in reply be replaced without a new label', () => {
    expect(parseCannedTexts({ 'canned.closing': 'Tot ziens.' }).problems).toEqual([]);
  });
});
