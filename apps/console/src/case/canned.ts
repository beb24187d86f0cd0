import type { Role } from '@vangnet/core';
import { parseCannedTexts } from '@vangnet/core/pack/canned-texts';

/**
 * Standard replies a case worker can start from, in the reporter's language and for who they are:
 * the young person themselves, a friend or bystander (asked about their friend and about themselves),
 * a parent or professional (about the young person, formal "u"/"vous"/"Sie"), or an adult about
 * themselves. A country pack can supply its own as texts (see packages/core/src/pack/canned-texts.ts):
 * a pack reply replaces the built-in one with its id, other ids are added. The built-in ones exist for
 * every language a pack may declare (nl, en, fr, de, tr, ar); another language gets English. Written for a
 * ten-year-old reader: short sentences, no blame.
 *
 * Placeholders, filled from the case and the pack, never from code per country: `{counsellor}` (the
 * case worker's name), `{helpline}` (the pack's helpline name), `{emergency}` (the numbers of the pack's
 * crisis line for a `danger` answer, e.g. "112" or "101 or 112").
 */
export type Canned = { id: string; label: string; text: string };
export type Audience = 'young' | 'adult';

type Replies = Record<string, Omit<Canned, 'id'>>;
type Set = {
  or: string;
  /** The young person it happened to. */
  young: Replies;
  /** A friend or bystander: what differs from `young`. */
  friend: Replies;
  /** A parent or professional writing about a young person. */
  adult: Replies;
  /** An adult writing about themselves: what differs from `adult`. */
  adultSelf: Replies;
};

/** The set a role reads. Unknown roles get the young wording (protect first). */
function repliesFor(set: Set, role: string | undefined): Replies {
  if (role === 'friend') return { ...set.young, ...set.friend };
  if (role === 'parent' || role === 'professional') return set.adult;
  if (role === 'adult') return { ...set.adult, ...set.adultSelf };
  return set.young;
}

/** The reporter's role → whom the reply speaks to. Unknown roles get the young wording (protect first). */
export function audienceFor(role: string | undefined): Audience {
  return role === 'parent' || role === 'professional' || role === 'adult' ? 'adult' : 'young';
}

const BUILT_IN: Record<string, Set> = {
  nl: {
    or: 'of',
    young: {
      'first-contact': {
        label: 'Eerste contact',
        text: 'Hoi! Ik ben {counsellor} van {helpline}. Ik heb je melding gelezen. Goed dat je het vertelt. Het is niet jouw schuld. Ben je nu veilig?',
      },
      danger: {
        label: 'Gevaar',
        text: 'Ben je nu in gevaar? Bel dan meteen {emergency}. Zeg waar je bent. Laat het me weten als je veilig bent.',
      },
      'self-harm': {
        label: 'Zelfbeschadiging',
        text: 'Dank je dat je het me vertelt. Ben je nu veilig? Denk je eraan jezelf pijn te doen? Praat dan nu met iemand. De nummers staan in de app bij "Ik heb nu hulp nodig". Je mag hier ook met mij blijven praten.',
      },
      sextortion: {
        label: 'Afpersing: niet betalen',
        text: 'Betaal niet en stuur niets meer. Betalen maakt het meestal niet beter. Stop het contact, maar bewaar eerst namen en links. Bewaar de foto’s niet. Het is niet jouw schuld. We helpen je verder.',
      },
      'evidence-safe': {
        label: 'Bewijs is veilig',
        text: 'Je bewijs is goed aangekomen. Het is veilig bewaard. Je hoeft het niet nog een keer te sturen.',
      },
      'block-report': {
        label: 'Blokkeren en melden',
        text: 'Je kunt die persoon blokkeren. Je kunt het ook melden bij de app of website. Zullen we dat samen doen?',
      },
      referral: {
        label: 'Doorverwijzen',
        text: 'Ik wil je in contact brengen met mensen die hier nog beter bij kunnen helpen. Is dat goed voor jou?',
      },
      closing: {
        label: 'Afsluiten',
        text: 'Fijn dat we konden helpen. Gebeurt er weer iets? Dan kun je een nieuwe melding maken.',
      },
    },
    friend: {
      'first-contact': {
        label: 'Eerste contact',
        text: 'Hoi! Ik ben {counsellor} van {helpline}. Ik heb je melding over je vriend of vriendin gelezen. Goed dat je het vertelt. Het is niet jouw schuld. Is je vriend of vriendin nu veilig? En ben jij nu veilig?',
      },
      danger: {
        label: 'Gevaar',
        text: 'Is je vriend of vriendin nu in gevaar? Bel dan meteen {emergency}, of vraag een volwassene om te bellen. Zeg waar je vriend of vriendin is. Laat het me weten als het gelukt is.',
      },
      'self-harm': {
        label: 'Zelfbeschadiging',
        text: 'Dank je dat je het me vertelt. Is je vriend of vriendin nu veilig? Praat die erover zichzelf pijn te doen? Vertel het dan vandaag aan een volwassene die je vertrouwt. De nummers staan in de app bij "Ik heb nu hulp nodig". Je hoeft dit niet alleen te dragen.',
      },
      sextortion: {
        label: 'Afpersing: niet betalen',
        text: 'Zeg tegen je vriend of vriendin: Betaal niet en stuur niets meer. Betalen maakt het meestal niet beter. Stop het contact, maar bewaar eerst namen en links. Bewaar de foto’s niet. Het is niet de schuld van je vriend of vriendin. We helpen jullie verder.',
      },
    },
    adult: {
      'first-contact': {
        label: 'Eerste contact',
        text: 'Goedendag, ik ben {counsellor} van {helpline}. Ik heb uw melding gelezen. Dank u dat u het meldt. Is de jongere nu veilig?',
      },
      danger: {
        label: 'Gevaar',
        text: 'Is iemand nu in gevaar? Bel dan meteen {emergency}. Zeg waar u bent.',
      },
      'self-harm': {
        label: 'Zelfbeschadiging',
        text: 'Dank u dat u het vertelt. Is de jongere nu veilig? Denkt de jongere eraan zichzelf pijn te doen? Blijf dan bij de jongere en bel nu een hulplijn. De nummers staan in de app bij "Ik heb nu hulp nodig".',
      },
      sextortion: {
        label: 'Afpersing: niet betalen',
        text: 'Betaal niet en stuur niets meer. Betalen maakt het meestal niet beter. Stop het contact, maar bewaar eerst namen en links. Bewaar de beelden niet. Het is niet de schuld van de jongere.',
      },
      'evidence-safe': {
        label: 'Bewijs is veilig',
        text: 'Uw bewijs is goed aangekomen. Het is veilig bewaard. U hoeft het niet nog een keer te sturen.',
      },
      'block-report': {
        label: 'Blokkeren en melden',
        text: 'U kunt die persoon blokkeren. U kunt het ook melden bij de app of website. Zullen we dat samen doen?',
      },
      referral: {
        label: 'Doorverwijzen',
        text: 'Ik wil u in contact brengen met mensen die hier nog beter bij kunnen helpen. Is dat goed voor u?',
      },
      closing: {
        label: 'Afsluiten',
        text: 'Dank u voor uw melding. Gebeurt er weer iets? Dan kunt u een nieuwe melding maken.',
      },
    },
    adultSelf: {
      'first-contact': {
        label: 'Eerste contact',
        text: 'Goedendag, ik ben {counsellor} van {helpline}. Ik heb uw melding gelezen. Dank u dat u het meldt. Het is niet uw schuld. Bent u nu veilig?',
      },
      danger: {
        label: 'Gevaar',
        text: 'Bent u nu in gevaar? Bel dan meteen {emergency}. Zeg waar u bent. Laat het me weten als u veilig bent.',
      },
      'self-harm': {
        label: 'Zelfbeschadiging',
        text: 'Dank u dat u het vertelt. Bent u nu veilig? Denkt u eraan uzelf pijn te doen? Praat dan nu met iemand. De nummers staan in de app bij "Ik heb nu hulp nodig". U kunt hier ook met mij blijven praten.',
      },
      sextortion: {
        label: 'Afpersing: niet betalen',
        text: 'Betaal niet en stuur niets meer. Betalen maakt het meestal niet beter. Stop het contact, maar bewaar eerst namen en links. Bewaar de beelden niet. Het is niet uw schuld.',
      },
    },
  },
  en: {
    or: 'or',
    young: {
      'first-contact': {
        label: 'First contact',
        text: 'Hi! I am {counsellor} from {helpline}. I read your report. It is good that you told us. It is not your fault. Are you safe right now?',
      },
      danger: {
        label: 'Danger',
        text: 'Are you in danger right now? Then call {emergency} now. Say where you are. Tell me when you are safe.',
      },
      'self-harm': {
        label: 'Self-harm',
        text: 'Thank you for telling me. Are you safe right now? Do you think about hurting yourself? Then talk to someone now. The numbers are in the app under "I need help now". You can also keep talking with me here.',
      },
      sextortion: {
        label: 'Blackmail: do not pay',
        text: 'Do not pay and do not send anything more. Paying usually does not make it stop. Stop the chat, but first save names and links. Do not save the photos. It is not your fault. We will help you with the next steps.',
      },
      'evidence-safe': {
        label: 'Evidence is safe',
        text: 'Your evidence arrived. It is stored safely. You do not need to send it again.',
      },
      'block-report': {
        label: 'Block and report',
        text: 'You can block that person. You can also report it to the app or website. Shall we do that together?',
      },
      referral: {
        label: 'Referral',
        text: 'I would like to put you in touch with people who can help even better with this. Is that OK for you?',
      },
      closing: {
        label: 'Closing',
        text: 'I am glad we could help. If something happens again, you can make a new report.',
      },
    },
    friend: {
      'first-contact': {
        label: 'First contact',
        text: 'Hi! I am {counsellor} from {helpline}. I read your report about your friend. It is good that you told us. It is not your fault. Is your friend safe right now? And are you safe right now?',
      },
      danger: {
        label: 'Danger',
        text: 'Is your friend in danger right now? Then call {emergency} now, or ask an adult to call. Say where your friend is. Tell me when it is done.',
      },
      'self-harm': {
        label: 'Self-harm',
        text: 'Thank you for telling me. Is your friend safe right now? Do they talk about hurting themselves? Then tell an adult you trust today. The numbers are in the app under "I need help now". You do not have to carry this alone.',
      },
      sextortion: {
        label: 'Blackmail: do not pay',
        text: 'Tell your friend: Do not pay and do not send anything more. Paying usually does not make it stop. Stop the chat, but first save names and links. Do not save the photos. It is not your friend’s fault. We will help you both.',
      },
    },
    adult: {
      'first-contact': {
        label: 'First contact',
        text: 'Hello, I am {counsellor} from {helpline}. I read your report. Thank you for telling us. Is the young person safe right now?',
      },
      danger: {
        label: 'Danger',
        text: 'Is someone in danger right now? Then call {emergency} now. Say where you are.',
      },
      'self-harm': {
        label: 'Self-harm',
        text: 'Thank you for telling us. Is the young person safe right now? Do they think about hurting themselves? Then stay with them and call a helpline now. The numbers are in the app under "I need help now".',
      },
      sextortion: {
        label: 'Blackmail: do not pay',
        text: 'Do not pay and do not send anything more. Paying usually does not make it stop. Stop the contact, but first save names and links. Do not save the images. It is not the young person’s fault.',
      },
      'evidence-safe': {
        label: 'Evidence is safe',
        text: 'Your evidence arrived. It is stored safely. You do not need to send it again.',
      },
      'block-report': {
        label: 'Block and report',
        text: 'You can block that person. You can also report it to the app or website. Shall we do that together?',
      },
      referral: {
        label: 'Referral',
        text: 'I would like to put you in touch with people who can help even better with this. Is that OK for you?',
      },
      closing: {
        label: 'Closing',
        text: 'Thank you for your report. If something happens again, you can make a new report.',
      },
    },
    adultSelf: {
      'first-contact': {
        label: 'First contact',
        text: 'Hello, I am {counsellor} from {helpline}. I read your report. Thank you for telling us. It is not your fault. Are you safe right now?',
      },
      danger: {
        label: 'Danger',
        text: 'Are you in danger right now? Then call {emergency} now. Say where you are. Tell me when you are safe.',
      },
      'self-harm': {
        label: 'Self-harm',
        text: 'Thank you for telling me. Are you safe right now? Do you think about hurting yourself? Then talk to someone now. The numbers are in the app under "I need help now". You can also keep writing to me here.',
      },
      sextortion: {
        label: 'Blackmail: do not pay',
        text: 'Do not pay and do not send anything more. Paying usually does not make it stop. Stop the contact, but first save names and links. Do not save the images. It is not your fault.',
      },
    },
  },
  fr: {
    or: 'ou le',
    young: {
      'first-contact': {
        label: 'Premier contact',
        text: 'Salut ! Je suis {counsellor}, de {helpline}. J’ai lu ton signalement. C’est bien que tu nous l’aies dit. Ce n’est pas de ta faute. Est-ce que tu es en sécurité maintenant ?',
      },
      danger: {
        label: 'Danger',
        text: 'Tu es en danger maintenant ? Alors appelle tout de suite le {emergency}. Dis où tu es. Dis-moi quand tu es en sécurité.',
      },
      'self-harm': {
        label: 'Se faire du mal',
        text: 'Merci de me le dire. Est-ce que tu es en sécurité maintenant ? Tu penses à te faire du mal ? Alors parles-en maintenant à quelqu’un. Les numéros sont dans l’appli, sous « J’ai besoin d’aide maintenant ». Tu peux aussi continuer à me parler ici.',
      },
      sextortion: {
        label: 'Chantage : ne paie pas',
        text: 'Ne paie pas et n’envoie plus rien. Payer n’arrête presque jamais le chantage. Arrête la conversation, mais garde d’abord les noms et les liens. Ne garde pas les photos. Ce n’est pas de ta faute. On t’aide pour la suite.',
      },
      'evidence-safe': {
        label: 'Preuves en sécurité',
        text: 'Tes preuves sont bien arrivées. Elles sont gardées en sécurité. Tu n’as pas besoin de les renvoyer.',
      },
      'block-report': {
        label: 'Bloquer et signaler',
        text: 'Tu peux bloquer cette personne. Tu peux aussi le signaler dans l’appli ou sur le site. On le fait ensemble ?',
      },
      referral: {
        label: 'Orienter',
        text: 'J’aimerais te mettre en contact avec des personnes qui peuvent encore mieux t’aider. Tu es d’accord ?',
      },
      closing: {
        label: 'Clôturer',
        text: 'Je suis content qu’on ait pu t’aider. S’il se passe encore quelque chose, tu peux faire un nouveau signalement.',
      },
    },
    friend: {
      'first-contact': {
        label: 'Premier contact',
        text: 'Salut ! Je suis {counsellor}, de {helpline}. J’ai lu ton signalement sur ton ami ou ton amie. C’est bien que tu nous l’aies dit. Ce n’est pas de ta faute. Ton ami ou ton amie est-il en sécurité maintenant ? Et toi, est-ce que tu es en sécurité maintenant ?',
      },
      danger: {
        label: 'Danger',
        text: 'Ton ami ou ton amie est en danger maintenant ? Alors appelle tout de suite le {emergency}, ou demande à un adulte d’appeler. Dis où se trouve ton ami ou ton amie. Dis-moi quand c’est fait.',
      },
      'self-harm': {
        label: 'Se faire du mal',
        text: 'Merci de me le dire. Ton ami ou ton amie est-il en sécurité maintenant ? Il ou elle parle de se faire du mal ? Alors parles-en aujourd’hui à un adulte de confiance. Les numéros sont dans l’appli, sous « J’ai besoin d’aide maintenant ». Tu n’as pas à porter ça seul.',
      },
      sextortion: {
        label: 'Chantage : ne paie pas',
        text: 'Dis à ton ami ou ton amie : Ne paie pas et n’envoie plus rien. Payer n’arrête presque jamais le chantage. Arrête la conversation, mais garde d’abord les noms et les liens. Ne garde pas les photos. Ce n’est pas sa faute. On vous aide pour la suite.',
      },
    },
    adult: {
      'first-contact': {
        label: 'Premier contact',
        text: 'Bonjour, je suis {counsellor}, de {helpline}. J’ai lu votre signalement. Merci de nous l’avoir dit. Le jeune est-il en sécurité maintenant ?',
      },
      danger: {
        label: 'Danger',
        text: 'Quelqu’un est en danger maintenant ? Alors appelez tout de suite le {emergency}. Dites où vous êtes.',
      },
      'self-harm': {
        label: 'Se faire du mal',
        text: 'Merci de nous le dire. Le jeune est-il en sécurité maintenant ? Pense-t-il à se faire du mal ? Alors restez avec lui et appelez maintenant une ligne d’aide. Les numéros sont dans l’appli, sous « J’ai besoin d’aide maintenant ».',
      },
      sextortion: {
        label: 'Chantage : ne pas payer',
        text: 'Ne payez pas et n’envoyez plus rien. Payer n’arrête presque jamais le chantage. Arrêtez le contact, mais gardez d’abord les noms et les liens. Ne gardez pas les images. Ce n’est pas la faute du jeune.',
      },
      'evidence-safe': {
        label: 'Preuves en sécurité',
        text: 'Vos preuves sont bien arrivées. Elles sont gardées en sécurité. Vous n’avez pas besoin de les renvoyer.',
      },
      'block-report': {
        label: 'Bloquer et signaler',
        text: 'Vous pouvez bloquer cette personne. Vous pouvez aussi le signaler dans l’appli ou sur le site. On le fait ensemble ?',
      },
      referral: {
        label: 'Orienter',
        text: 'J’aimerais vous mettre en contact avec des personnes qui peuvent encore mieux vous aider. Êtes-vous d’accord ?',
      },
      closing: {
        label: 'Clôturer',
        text: 'Merci pour votre signalement. S’il se passe encore quelque chose, vous pouvez faire un nouveau signalement.',
      },
    },
    adultSelf: {
      'first-contact': {
        label: 'Premier contact',
        text: 'Bonjour, je suis {counsellor}, de {helpline}. J’ai lu votre signalement. Merci de nous l’avoir dit. Ce n’est pas de votre faute. Êtes-vous en sécurité maintenant ?',
      },
      danger: {
        label: 'Danger',
        text: 'Êtes-vous en danger maintenant ? Alors appelez tout de suite le {emergency}. Dites où vous êtes. Dites-moi quand vous êtes en sécurité.',
      },
      'self-harm': {
        label: 'Se faire du mal',
        text: 'Merci de me le dire. Êtes-vous en sécurité maintenant ? Pensez-vous à vous faire du mal ? Alors parlez-en maintenant à quelqu’un. Les numéros sont dans l’appli, sous « J’ai besoin d’aide maintenant ». Vous pouvez aussi continuer à m’écrire ici.',
      },
      sextortion: {
        label: 'Chantage : ne pas payer',
        text: 'Ne payez pas et n’envoyez plus rien. Payer n’arrête presque jamais le chantage. Arrêtez le contact, mais gardez d’abord les noms et les liens. Ne gardez pas les images. Ce n’est pas de votre faute.',
      },
    },
  },
  de: {
    or: 'oder',
    young: {
      'first-contact': {
        label: 'Erster Kontakt',
        text: 'Hallo! Ich bin {counsellor} von {helpline}. Ich habe deine Meldung gelesen. Gut, dass du es uns sagst. Es ist nicht deine Schuld. Bist du gerade sicher?',
      },
      danger: {
        label: 'Gefahr',
        text: 'Bist du gerade in Gefahr? Dann ruf sofort {emergency} an. Sag, wo du bist. Sag mir Bescheid, wenn du sicher bist.',
      },
      'self-harm': {
        label: 'Selbstverletzung',
        text: 'Danke, dass du es mir sagst. Bist du gerade sicher? Denkst du daran, dir wehzutun? Dann sprich jetzt mit jemandem. Die Nummern stehen in der App unter „Ich brauche jetzt Hilfe“. Du kannst auch hier weiter mit mir schreiben.',
      },
      sextortion: {
        label: 'Erpressung: nicht zahlen',
        text: 'Zahl nicht und schick nichts mehr. Zahlen macht es meistens nicht besser. Brich den Kontakt ab, aber heb vorher Namen und Links auf. Heb die Fotos nicht auf. Es ist nicht deine Schuld. Wir helfen dir weiter.',
      },
      'evidence-safe': {
        label: 'Beweise sind sicher',
        text: 'Deine Beweise sind angekommen. Sie sind sicher aufbewahrt. Du musst sie nicht noch einmal schicken.',
      },
      'block-report': {
        label: 'Blockieren und melden',
        text: 'Du kannst die Person blockieren. Du kannst es auch in der App oder auf der Webseite melden. Wollen wir das zusammen machen?',
      },
      referral: {
        label: 'Weiterleiten',
        text: 'Ich möchte dich mit Menschen in Kontakt bringen, die hier noch besser helfen können. Ist das okay für dich?',
      },
      closing: {
        label: 'Abschließen',
        text: 'Schön, dass wir helfen konnten. Wenn wieder etwas passiert, kannst du eine neue Meldung machen.',
      },
    },
    friend: {
      'first-contact': {
        label: 'Erster Kontakt',
        text: 'Hallo! Ich bin {counsellor} von {helpline}. Ich habe deine Meldung über deinen Freund oder deine Freundin gelesen. Gut, dass du es uns sagst. Es ist nicht deine Schuld. Ist dein Freund oder deine Freundin gerade sicher? Und bist du gerade sicher?',
      },
      danger: {
        label: 'Gefahr',
        text: 'Ist dein Freund oder deine Freundin gerade in Gefahr? Dann ruf sofort {emergency} an oder bitte einen Erwachsenen darum. Sag, wo die Person ist. Sag mir Bescheid, wenn es geklappt hat.',
      },
      'self-harm': {
        label: 'Selbstverletzung',
        text: 'Danke, dass du es mir sagst. Ist dein Freund oder deine Freundin gerade sicher? Spricht die Person davon, sich wehzutun? Dann sag es heute einem Erwachsenen, dem du vertraust. Die Nummern stehen in der App unter „Ich brauche jetzt Hilfe“. Du musst das nicht allein tragen.',
      },
      sextortion: {
        label: 'Erpressung: nicht zahlen',
        text: 'Sag deinem Freund oder deiner Freundin: Zahl nicht und schick nichts mehr. Zahlen macht es meistens nicht besser. Brich den Kontakt ab, aber heb vorher Namen und Links auf. Heb die Fotos nicht auf. Es ist nicht seine oder ihre Schuld. Wir helfen euch weiter.',
      },
    },
    adult: {
      'first-contact': {
        label: 'Erster Kontakt',
        text: 'Guten Tag, ich bin {counsellor} von {helpline}. Ich habe Ihre Meldung gelesen. Danke, dass Sie es uns sagen. Ist die junge Person gerade sicher?',
      },
      danger: {
        label: 'Gefahr',
        text: 'Ist jemand gerade in Gefahr? Dann rufen Sie sofort {emergency} an. Sagen Sie, wo Sie sind.',
      },
      'self-harm': {
        label: 'Selbstverletzung',
        text: 'Danke, dass Sie es uns sagen. Ist die junge Person gerade sicher? Denkt sie daran, sich wehzutun? Dann bleiben Sie bei ihr und rufen Sie jetzt eine Hilfe-Nummer an. Die Nummern stehen in der App unter „Ich brauche jetzt Hilfe“.',
      },
      sextortion: {
        label: 'Erpressung: nicht zahlen',
        text: 'Zahlen Sie nicht und schicken Sie nichts mehr. Zahlen macht es meistens nicht besser. Brechen Sie den Kontakt ab, aber heben Sie vorher Namen und Links auf. Heben Sie die Bilder nicht auf. Es ist nicht die Schuld der jungen Person.',
      },
      'evidence-safe': {
        label: 'Beweise sind sicher',
        text: 'Ihre Beweise sind angekommen. Sie sind sicher aufbewahrt. Sie müssen sie nicht noch einmal schicken.',
      },
      'block-report': {
        label: 'Blockieren und melden',
        text: 'Sie können die Person blockieren. Sie können es auch in der App oder auf der Webseite melden. Wollen wir das zusammen machen?',
      },
      referral: {
        label: 'Weiterleiten',
        text: 'Ich möchte Sie mit Menschen in Kontakt bringen, die hier noch besser helfen können. Ist das für Sie in Ordnung?',
      },
      closing: {
        label: 'Abschließen',
        text: 'Danke für Ihre Meldung. Wenn wieder etwas passiert, können Sie eine neue Meldung machen.',
      },
    },
    adultSelf: {
      'first-contact': {
        label: 'Erster Kontakt',
        text: 'Guten Tag, ich bin {counsellor} von {helpline}. Ich habe Ihre Meldung gelesen. Danke, dass Sie es uns sagen. Es ist nicht Ihre Schuld. Sind Sie gerade sicher?',
      },
      danger: {
        label: 'Gefahr',
        text: 'Sind Sie gerade in Gefahr? Dann rufen Sie sofort {emergency} an. Sagen Sie, wo Sie sind. Sagen Sie mir Bescheid, wenn Sie sicher sind.',
      },
      'self-harm': {
        label: 'Selbstverletzung',
        text: 'Danke, dass Sie es mir sagen. Sind Sie gerade sicher? Denken Sie daran, sich wehzutun? Dann sprechen Sie jetzt mit jemandem. Die Nummern stehen in der App unter „Ich brauche jetzt Hilfe“. Sie können mir hier auch weiter schreiben.',
      },
      sextortion: {
        label: 'Erpressung: nicht zahlen',
        text: 'Zahlen Sie nicht und schicken Sie nichts mehr. Zahlen macht es meistens nicht besser. Brechen Sie den Kontakt ab, aber heben Sie vorher Namen und Links auf. Heben Sie die Bilder nicht auf. Es ist nicht Ihre Schuld.',
      },
    },
  },
  // Turkish and Arabic: translations nobody has reviewed yet (as the app's catalogs, "@@unreviewed").
  // The labels also say the reply in English, for a case worker who does not read the language.
  tr: {
    or: 'veya',
    young: {
      'first-contact': {
        label: 'İlk temas (first contact)',
        text: 'Merhaba! Ben {helpline} ekibinden {counsellor}. Bildirimini okudum. Bize anlatman çok iyi oldu. Bu senin suçun değil. Şu an güvende misin?',
      },
      danger: {
        label: 'Tehlike (danger)',
        text: 'Şu an tehlikede misin? O zaman hemen {emergency} numarasını ara. Nerede olduğunu söyle. Güvende olunca bana yaz.',
      },
      'self-harm': {
        label: 'Kendine zarar (self-harm)',
        text: 'Bana anlattığın için teşekkürler. Şu an güvende misin? Kendine zarar vermeyi düşünüyor musun? O zaman hemen biriyle konuş. Numaralar uygulamada "Hemen yardıma ihtiyacım var" bölümünde. Burada benimle yazışmaya da devam edebilirsin.',
      },
      sextortion: {
        label: 'Şantaj: ödeme yapma (do not pay)',
        text: 'Para ödeme ve başka bir şey gönderme. Ödemek genelde bunu durdurmaz. Yazışmayı bitir ama önce adları ve bağlantıları kaydet. Fotoğrafları kaydetme. Bu senin suçun değil. Sonraki adımlarda sana yardım edeceğiz.',
      },
      'evidence-safe': {
        label: 'Kanıtlar güvende (evidence is safe)',
        text: 'Kanıtların ulaştı. Güvenli bir şekilde saklanıyor. Tekrar göndermen gerekmiyor.',
      },
      'block-report': {
        label: 'Engelle ve şikâyet et (block and report)',
        text: 'O kişiyi engelleyebilirsin. Uygulamaya veya web sitesine de şikâyet edebilirsin. Bunu birlikte yapalım mı?',
      },
      referral: {
        label: 'Yönlendirme (referral)',
        text: 'Seni bu konuda daha iyi yardım edebilecek kişilerle tanıştırmak istiyorum. Senin için uygun mu?',
      },
      closing: {
        label: 'Kapanış (closing)',
        text: 'Yardım edebildiğimize sevindim. Yine bir şey olursa yeni bir bildirim yapabilirsin.',
      },
    },
    friend: {
      'first-contact': {
        label: 'İlk temas (first contact)',
        text: 'Merhaba! Ben {helpline} ekibinden {counsellor}. Arkadaşın hakkındaki bildirimini okudum. Bize anlatman çok iyi oldu. Bu senin suçun değil. Arkadaşın şu an güvende mi? Peki sen şu an güvende misin?',
      },
      danger: {
        label: 'Tehlike (danger)',
        text: 'Arkadaşın şu an tehlikede mi? O zaman hemen {emergency} numarasını ara veya bir yetişkinden aramasını iste. Arkadaşının nerede olduğunu söyle. Bitince bana yaz.',
      },
      'self-harm': {
        label: 'Kendine zarar (self-harm)',
        text: 'Bana anlattığın için teşekkürler. Arkadaşın şu an güvende mi? Kendine zarar vermekten bahsediyor mu? O zaman bugün güvendiğin bir yetişkine anlat. Numaralar uygulamada "Hemen yardıma ihtiyacım var" bölümünde. Bunu tek başına taşımak zorunda değilsin.',
      },
      sextortion: {
        label: 'Şantaj: ödeme yapma (do not pay)',
        text: 'Arkadaşına söyle: Para ödeme ve başka bir şey gönderme. Ödemek genelde bunu durdurmaz. Yazışmayı bitir ama önce adları ve bağlantıları kaydet. Fotoğrafları kaydetme. Bu arkadaşının suçu değil. İkinize de yardım edeceğiz.',
      },
    },
    adult: {
      'first-contact': {
        label: 'İlk temas (first contact)',
        text: 'Merhaba, ben {helpline} ekibinden {counsellor}. Bildiriminizi okudum. Bize anlattığınız için teşekkürler. Genç şu an güvende mi?',
      },
      danger: {
        label: 'Tehlike (danger)',
        text: 'Şu an biri tehlikede mi? O zaman hemen {emergency} numarasını arayın. Nerede olduğunuzu söyleyin.',
      },
      'self-harm': {
        label: 'Kendine zarar (self-harm)',
        text: 'Bize anlattığınız için teşekkürler. Genç şu an güvende mi? Kendine zarar vermeyi düşünüyor mu? O zaman yanında kalın ve hemen bir yardım hattını arayın. Numaralar uygulamada "Hemen yardıma ihtiyacım var" bölümünde.',
      },
      sextortion: {
        label: 'Şantaj: ödeme yapma (do not pay)',
        text: 'Para ödemeyin ve başka bir şey göndermeyin. Ödemek genelde bunu durdurmaz. İletişimi kesin ama önce adları ve bağlantıları kaydedin. Görüntüleri kaydetmeyin. Bu gencin suçu değil.',
      },
      'evidence-safe': {
        label: 'Kanıtlar güvende (evidence is safe)',
        text: 'Kanıtlarınız ulaştı. Güvenli bir şekilde saklanıyor. Tekrar göndermeniz gerekmiyor.',
      },
      'block-report': {
        label: 'Engelle ve şikâyet et (block and report)',
        text: 'O kişiyi engelleyebilirsiniz. Uygulamaya veya web sitesine de şikâyet edebilirsiniz. Bunu birlikte yapalım mı?',
      },
      referral: {
        label: 'Yönlendirme (referral)',
        text: 'Sizi bu konuda daha iyi yardım edebilecek kişilerle tanıştırmak istiyorum. Sizin için uygun mu?',
      },
      closing: {
        label: 'Kapanış (closing)',
        text: 'Bildiriminiz için teşekkürler. Yine bir şey olursa yeni bir bildirim yapabilirsiniz.',
      },
    },
    adultSelf: {
      'first-contact': {
        label: 'İlk temas (first contact)',
        text: 'Merhaba, ben {helpline} ekibinden {counsellor}. Bildiriminizi okudum. Bize anlattığınız için teşekkürler. Bu sizin suçunuz değil. Şu an güvende misiniz?',
      },
      danger: {
        label: 'Tehlike (danger)',
        text: 'Şu an tehlikede misiniz? O zaman hemen {emergency} numarasını arayın. Nerede olduğunuzu söyleyin. Güvende olunca bana yazın.',
      },
      'self-harm': {
        label: 'Kendine zarar (self-harm)',
        text: 'Bana anlattığınız için teşekkürler. Şu an güvende misiniz? Kendinize zarar vermeyi düşünüyor musunuz? O zaman hemen biriyle konuşun. Numaralar uygulamada "Hemen yardıma ihtiyacım var" bölümünde. Burada bana yazmaya da devam edebilirsiniz.',
      },
      sextortion: {
        label: 'Şantaj: ödeme yapma (do not pay)',
        text: 'Para ödemeyin ve başka bir şey göndermeyin. Ödemek genelde bunu durdurmaz. İletişimi kesin ama önce adları ve bağlantıları kaydedin. Görüntüleri kaydetmeyin. Bu sizin suçunuz değil.',
      },
    },
  },
  ar: {
    or: 'أو',
    young: {
      'first-contact': {
        label: 'أول تواصل (first contact)',
        text: 'مرحبًا! أنا {counsellor} من {helpline}. قرأت بلاغك. من الجيد أنك أخبرتنا. هذا ليس ذنبك. هل أنت بأمان الآن؟',
      },
      danger: {
        label: 'خطر (danger)',
        text: 'هل أنت في خطر الآن؟ إذن اتصل بالرقم {emergency} الآن. قل أين أنت. أخبرني عندما تكون بأمان.',
      },
      'self-harm': {
        label: 'إيذاء النفس (self-harm)',
        text: 'شكرًا لأنك أخبرتني. هل أنت بأمان الآن؟ هل تفكر في إيذاء نفسك؟ إذن تحدّث مع شخص الآن. الأرقام في التطبيق تحت "أحتاج إلى مساعدة الآن". ويمكنك أيضًا أن تبقى تكتب لي هنا.',
      },
      sextortion: {
        label: 'ابتزاز: لا تدفع (do not pay)',
        text: 'لا تدفع ولا ترسل أي شيء آخر. الدفع عادةً لا يوقف الأمر. أوقف الدردشة، لكن احفظ الأسماء والروابط أولًا. لا تحفظ الصور. هذا ليس ذنبك. سنساعدك في الخطوات التالية.',
      },
      'evidence-safe': {
        label: 'الأدلة بأمان (evidence is safe)',
        text: 'وصلت أدلتك. هي محفوظة بأمان. لا تحتاج إلى إرسالها مرة أخرى.',
      },
      'block-report': {
        label: 'احظر وأبلغ (block and report)',
        text: 'يمكنك أن تحظر ذلك الشخص. ويمكنك أيضًا أن تبلغ عنه في التطبيق أو الموقع. هل نفعل ذلك معًا؟',
      },
      referral: {
        label: 'إحالة (referral)',
        text: 'أود أن أصلك بأشخاص يستطيعون المساعدة في هذا بشكل أفضل. هل يناسبك ذلك؟',
      },
      closing: {
        label: 'ختام (closing)',
        text: 'أنا سعيد أننا استطعنا المساعدة. إذا حدث شيء مرة أخرى، يمكنك أن تقدم بلاغًا جديدًا.',
      },
    },
    friend: {
      'first-contact': {
        label: 'أول تواصل (first contact)',
        text: 'مرحبًا! أنا {counsellor} من {helpline}. قرأت بلاغك عن صديقك أو صديقتك. من الجيد أنك أخبرتنا. هذا ليس ذنبك. هل صديقك بأمان الآن؟ وهل أنت بأمان الآن؟',
      },
      danger: {
        label: 'خطر (danger)',
        text: 'هل صديقك في خطر الآن؟ إذن اتصل بالرقم {emergency} الآن، أو اطلب من شخص بالغ أن يتصل. قل أين صديقك. أخبرني عندما يتم ذلك.',
      },
      'self-harm': {
        label: 'إيذاء النفس (self-harm)',
        text: 'شكرًا لأنك أخبرتني. هل صديقك بأمان الآن؟ هل يتحدث عن إيذاء نفسه؟ إذن أخبر شخصًا بالغًا تثق به اليوم. الأرقام في التطبيق تحت "أحتاج إلى مساعدة الآن". لا داعي لأن تحمل هذا وحدك.',
      },
      sextortion: {
        label: 'ابتزاز: لا تدفع (do not pay)',
        text: 'قل لصديقك: لا تدفع ولا ترسل أي شيء آخر. الدفع عادةً لا يوقف الأمر. أوقف الدردشة، لكن احفظ الأسماء والروابط أولًا. لا تحفظ الصور. هذا ليس ذنب صديقك. سنساعدكما معًا.',
      },
    },
    adult: {
      'first-contact': {
        label: 'أول تواصل (first contact)',
        text: 'مرحبًا، أنا {counsellor} من {helpline}. قرأت بلاغك. شكرًا لأنك أخبرتنا. هل الشاب أو الشابة بأمان الآن؟',
      },
      danger: {
        label: 'خطر (danger)',
        text: 'هل هناك شخص في خطر الآن؟ إذن اتصل بالرقم {emergency} الآن. قل أين أنت.',
      },
      'self-harm': {
        label: 'إيذاء النفس (self-harm)',
        text: 'شكرًا لأنك أخبرتنا. هل الشاب أو الشابة بأمان الآن؟ هل يفكر في إيذاء نفسه؟ إذن ابقَ معه واتصل بخط مساعدة الآن. الأرقام في التطبيق تحت "أحتاج إلى مساعدة الآن".',
      },
      sextortion: {
        label: 'ابتزاز: لا تدفع (do not pay)',
        text: 'لا تدفع ولا ترسل أي شيء آخر. الدفع عادةً لا يوقف الأمر. أوقف التواصل، لكن احفظ الأسماء والروابط أولًا. لا تحفظ الصور. هذا ليس ذنب الشاب أو الشابة.',
      },
      'evidence-safe': {
        label: 'الأدلة بأمان (evidence is safe)',
        text: 'وصلت أدلتك. هي محفوظة بأمان. لا تحتاج إلى إرسالها مرة أخرى.',
      },
      'block-report': {
        label: 'احظر وأبلغ (block and report)',
        text: 'يمكنك أن تحظر ذلك الشخص. ويمكنك أيضًا أن تبلغ عنه في التطبيق أو الموقع. هل نفعل ذلك معًا؟',
      },
      referral: {
        label: 'إحالة (referral)',
        text: 'أود أن أصلك بأشخاص يستطيعون المساعدة في هذا بشكل أفضل. هل يناسبك ذلك؟',
      },
      closing: {
        label: 'ختام (closing)',
        text: 'شكرًا على بلاغك. إذا حدث شيء مرة أخرى، يمكنك أن تقدم بلاغًا جديدًا.',
      },
    },
    adultSelf: {
      'first-contact': {
        label: 'أول تواصل (first contact)',
        text: 'مرحبًا، أنا {counsellor} من {helpline}. قرأت بلاغك. شكرًا لأنك أخبرتنا. هذا ليس ذنبك. هل أنت بأمان الآن؟',
      },
      danger: {
        label: 'خطر (danger)',
        text: 'هل أنت في خطر الآن؟ إذن اتصل بالرقم {emergency} الآن. قل أين أنت. أخبرني عندما تكون بأمان.',
      },
      'self-harm': {
        label: 'إيذاء النفس (self-harm)',
        text: 'شكرًا لأنك أخبرتني. هل أنت بأمان الآن؟ هل تفكر في إيذاء نفسك؟ إذن تحدّث مع شخص الآن. الأرقام في التطبيق تحت "أحتاج إلى مساعدة الآن". ويمكنك أيضًا أن تبقى تكتب لي هنا.',
      },
      sextortion: {
        label: 'ابتزاز: لا تدفع (do not pay)',
        text: 'لا تدفع ولا ترسل أي شيء آخر. الدفع عادةً لا يوقف الأمر. أوقف التواصل، لكن احفظ الأسماء والروابط أولًا. لا تحفظ الصور. هذا ليس ذنبك.',
      },
    },
  },
};

/** The languages with built-in replies; a pack language outside this list gets English. */
export const CANNED_LANGUAGES = Object.keys(BUILT_IN);

/** What the placeholders are filled with. */
export interface CannedContext {
  counsellor: string;
  helpline: string;
  /** The emergency numbers from the pack (the crisis line for a `danger` answer), in order. */
  emergency: readonly string[];
}

function fill(text: string, set: Set, ctx: CannedContext): string {
  return text
    .replaceAll('{counsellor}', ctx.counsellor)
    .replaceAll('{helpline}', ctx.helpline)
    .replaceAll('{emergency}', ctx.emergency.join(` ${set.or} `));
}

/**
 * The replies for this reporter's language and role: the built-in ones for that role, each replaced
 * by the pack's reply with the same id (for this role, else for every role), then the pack's own.
 */
export function cannedResponses(
  options: {
    language: string;
    role?: Role | string;
    packTexts?: Record<string, Record<string, string>>;
  } & CannedContext,
): Canned[] {
  const { language, role, packTexts } = options;
  const lang = language.split('-')[0]?.toLowerCase() ?? 'en';
  const set = BUILT_IN[lang] ?? (BUILT_IN.en as Set);
  const builtIn = repliesFor(set, role);
  // Pack texts are per pack language; a reporter language the pack lacks gets none of them.
  const texts = packTexts?.[language] ?? packTexts?.[lang] ?? {};
  const merged = new Map(Object.entries(builtIn).map(([id, c]) => [id, { id, ...c }]));
  for (const reply of parseCannedTexts(texts).replies) {
    const text = (role ? reply.byRole[role as Role] : undefined) ?? reply.text;
    if (text === undefined) continue;
    merged.set(reply.id, { id: reply.id, label: reply.label ?? builtIn[reply.id]?.label ?? reply.id, text });
  }
  return [...merged.values()].map((c) => ({ ...c, text: fill(c.text, set, options) }));
}

/**
 * The name a case worker signs with: the display name they set (Details → "Your name in replies"),
 * else the part of their e-mail address before "@" (and before a dot), capitalised:
 * "anna.de.vries@…" → "Anna".
 */
export function counsellorName(email: string | undefined, displayName?: string | null): string {
  if (displayName?.trim()) return displayName.trim();
  const first = (email ?? '').split('@')[0]?.split(/[._+-]/)[0] ?? '';
  return first ? first.charAt(0).toUpperCase() + first.slice(1) : '';
}
