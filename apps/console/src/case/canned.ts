/**
 * Standard replies a case worker can start from, in the reporter's language. A country pack can
 * supply its own as texts `canned.<id>` (they win); these are the fallback. Written for a ten-year-old
 * reader: short sentences, no blame.
 */
export type Canned = { id: string; label: string; text: string };

const BUILT_IN: Record<string, Canned[]> = {
  nl: [
    {
      id: 'first-contact',
      label: 'Eerste contact',
      text: 'Hoi! Ik ben van de hulplijn. Ik heb je melding gelezen. Goed dat je het vertelt. Het is niet jouw schuld. Wil je me iets meer vertellen over wat er gebeurt?',
    },
    {
      id: 'evidence-safe',
      label: 'Bewijs is veilig',
      text: 'Je bewijs is goed aangekomen. Het is veilig bewaard. Je hoeft het niet nog een keer te sturen.',
    },
    {
      id: 'block-report',
      label: 'Blokkeren en melden',
      text: 'Je kunt die persoon blokkeren. Je kunt het ook melden bij het platform. Wil je dat we dat samen doen?',
    },
    {
      id: 'referral',
      label: 'Doorverwijzen',
      text: 'Ik wil je in contact brengen met mensen die hier nog beter bij kunnen helpen. Is dat goed voor jou?',
    },
    {
      id: 'closing',
      label: 'Afsluiten',
      text: 'Fijn dat we konden helpen. Als er weer iets is, kun je altijd terugkomen met je meldcode.',
    },
  ],
  en: [
    {
      id: 'first-contact',
      label: 'First contact',
      text: 'Hi! I am from the helpline. I read your report. It is good that you told us. It is not your fault. Can you tell me a bit more about what is happening?',
    },
    {
      id: 'evidence-safe',
      label: 'Evidence is safe',
      text: 'Your evidence arrived. It is stored safely. You do not need to send it again.',
    },
    {
      id: 'block-report',
      label: 'Block and report',
      text: 'You can block that person. You can also report it to the platform. Shall we do that together?',
    },
    {
      id: 'referral',
      label: 'Referral',
      text: 'I would like to put you in touch with people who can help even better with this. Is that OK for you?',
    },
    {
      id: 'closing',
      label: 'Closing',
      text: 'I am glad we could help. If anything happens again, you can always come back with your receipt code.',
    },
  ],
};

export function cannedResponses(
  language: string,
  packTexts?: Record<string, Record<string, string>>,
): Canned[] {
  const lang = language.split('-')[0]!.toLowerCase();
  const fromPack = Object.entries(packTexts?.[language] ?? packTexts?.[lang] ?? {})
    .filter(([key]) => key.startsWith('canned.') && !key.endsWith('.label'))
    .map(([key, value]) => ({
      id: key.slice('canned.'.length),
      label: packTexts?.[language]?.[`${key}.label`] ?? key.slice('canned.'.length),
      text: value,
    }));
  if (fromPack.length) return fromPack;
  return BUILT_IN[lang] ?? BUILT_IN.en!;
}
