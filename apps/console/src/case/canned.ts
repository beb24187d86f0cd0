import type { Role } from '@vangnet/core';
import { parseCannedTexts } from '@vangnet/core/pack/canned-texts';

/**
 * Standard replies a case worker can start from, in the reporter's language and for who they are:
 * the young person themselves, a friend or bystander (asked about their friend and about themselves),
 * a parent or professional (about the young person, formal "u"/"vous"/"Sie"), or an adult about
 * themselves. A country pack can supply its own as texts (see packages/core/src/pack/canned-texts.ts):
 * a pack reply replaces the built-in one with its id, other ids are added. The built-in ones exist for
 * every language a pack may declare (nl, en, fr, de, uk, pl); another language gets English. Written for a
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
  uk: {
    or: 'або',
    young: {
      'first-contact': {
        label: 'Перший контакт',
        text: 'Привіт! Я {counsellor} з {helpline}. Твоє повідомлення вже в мене. Добре, що ти нам про це пишеш. Це не твоя провина. Ти зараз у безпеці?',
      },
      danger: {
        label: 'Небезпека',
        text: 'Тобі зараз загрожує небезпека? Тоді дзвони зараз {emergency}. Скажи, де ти. Напиши мені, коли будеш у безпеці.',
      },
      'self-harm': {
        label: 'Самоушкодження',
        text: 'Дякую, що ти мені це пишеш. Ти зараз у безпеці? Ти думаєш про те, щоб зашкодити собі? Тоді поговори з кимось просто зараз. Номери є в застосунку в розділі «Мені потрібна допомога зараз». Ти також можеш і далі писати мені тут.',
      },
      sextortion: {
        label: 'Шантаж: не платити',
        text: 'Не плати і нічого більше не надсилай. Платити зазвичай марно: шантаж не припиняється. Припини чат, але спершу збережи імена й посилання. Не зберігай фото. Це не твоя провина. Ми допоможемо тобі з наступними кроками.',
      },
      'evidence-safe': {
        label: 'Докази в безпеці',
        text: 'Твої докази надійшли. Вони зберігаються в безпеці. Надсилати їх ще раз не треба.',
      },
      'block-report': {
        label: 'Заблокувати й поскаржитися',
        text: 'Ти можеш заблокувати цю людину. Також можна поскаржитися в застосунку чи на сайті. Зробимо це разом?',
      },
      referral: {
        label: 'Передати далі',
        text: 'Я хочу зв’язати тебе з людьми, які можуть допомогти з цим ще краще. Ти не проти?',
      },
      closing: {
        label: 'Завершення',
        text: 'Добре, що ми змогли допомогти. Якщо щось станеться знову, ти можеш зробити нове повідомлення.',
      },
    },
    friend: {
      'first-contact': {
        label: 'Перший контакт',
        text: 'Привіт! Я {counsellor} з {helpline}. Твоє повідомлення про друга чи подругу вже в мене. Добре, що ти нам про це пишеш. Це не твоя провина. Твій друг чи подруга зараз у безпеці? А ти зараз у безпеці?',
      },
      danger: {
        label: 'Небезпека',
        text: 'Твоєму другові чи подрузі зараз загрожує небезпека? Тоді дзвони зараз {emergency} або попроси дорослого подзвонити. Скажи, де ця людина. Напиши мені, коли це зроблено.',
      },
      'self-harm': {
        label: 'Самоушкодження',
        text: 'Дякую, що ти мені це пишеш. Твій друг чи подруга зараз у безпеці? Ця людина говорить про те, щоб зашкодити собі? Тоді ще сьогодні розкажи дорослому, якому довіряєш. Номери є в застосунку в розділі «Мені потрібна допомога зараз». Ти не мусиш нести це без допомоги.',
      },
      sextortion: {
        label: 'Шантаж: не платити',
        text: 'Скажи другові чи подрузі: не плати і нічого більше не надсилай. Платити зазвичай марно: шантаж не припиняється. Припини чат, але спершу збережи імена й посилання. Не зберігай фото. Це не провина твого друга чи подруги. Ми допоможемо вам обом.',
      },
    },
    adult: {
      'first-contact': {
        label: 'Перший контакт',
        text: 'Добрий день, я {counsellor} з {helpline}. Ваше повідомлення вже в мене. Дякую, що ви нам про це написали. Молода людина зараз у безпеці?',
      },
      danger: {
        label: 'Небезпека',
        text: 'Комусь зараз загрожує небезпека? Тоді дзвоніть зараз {emergency}. Скажіть, де ви.',
      },
      'self-harm': {
        label: 'Самоушкодження',
        text: 'Дякую, що ви нам це написали. Молода людина зараз у безпеці? Вона думає про те, щоб зашкодити собі? Тоді будьте поруч і зараз подзвоніть на лінію допомоги. Номери є в застосунку в розділі «Мені потрібна допомога зараз».',
      },
      sextortion: {
        label: 'Шантаж: не платити',
        text: 'Не платіть і нічого більше не надсилайте. Платити зазвичай марно: шантаж не припиняється. Припиніть контакт, але спершу збережіть імена й посилання. Не зберігайте зображення. Це не провина молодої людини.',
      },
      'evidence-safe': {
        label: 'Докази в безпеці',
        text: 'Ваші докази надійшли. Вони зберігаються в безпеці. Надсилати їх ще раз не треба.',
      },
      'block-report': {
        label: 'Заблокувати й поскаржитися',
        text: 'Ви можете заблокувати цю людину. Також можна поскаржитися в застосунку чи на сайті. Зробимо це разом?',
      },
      referral: {
        label: 'Передати далі',
        text: 'Я хочу зв’язати вас із людьми, які можуть допомогти з цим ще краще. Ви не проти?',
      },
      closing: {
        label: 'Завершення',
        text: 'Дякую за ваше повідомлення. Якщо щось станеться знову, ви можете зробити нове повідомлення.',
      },
    },
    adultSelf: {
      'first-contact': {
        label: 'Перший контакт',
        text: 'Добрий день, я {counsellor} з {helpline}. Ваше повідомлення вже в мене. Дякую, що ви нам про це написали. Це не ваша провина. Ви зараз у безпеці?',
      },
      danger: {
        label: 'Небезпека',
        text: 'Вам зараз загрожує небезпека? Тоді дзвоніть зараз {emergency}. Скажіть, де ви. Напишіть мені, коли будете в безпеці.',
      },
      'self-harm': {
        label: 'Самоушкодження',
        text: 'Дякую, що ви мені це написали. Ви зараз у безпеці? Ви думаєте про те, щоб зашкодити собі? Тоді поговоріть із кимось просто зараз. Номери є в застосунку в розділі «Мені потрібна допомога зараз». Ви також можете й далі писати мені тут.',
      },
      sextortion: {
        label: 'Шантаж: не платити',
        text: 'Не платіть і нічого більше не надсилайте. Платити зазвичай марно: шантаж не припиняється. Припиніть контакт, але спершу збережіть імена й посилання. Не зберігайте зображення. Це не ваша провина.',
      },
    },
  },
  pl: {
    or: 'albo',
    young: {
      'first-contact': {
        label: 'Pierwszy kontakt',
        text: 'Cześć! Tu {counsellor} z {helpline}. Twoje zgłoszenie jest już u mnie. Dobrze, że nam o tym piszesz. To nie twoja wina. Czy jesteś teraz w bezpiecznym miejscu?',
      },
      danger: {
        label: 'Niebezpieczeństwo',
        text: 'Grozi ci teraz niebezpieczeństwo? Zadzwoń teraz pod {emergency}. Powiedz, gdzie jesteś. Napisz mi, kiedy będziesz w bezpiecznym miejscu.',
      },
      'self-harm': {
        label: 'Samookaleczenie',
        text: 'Dziękuję, że mi o tym piszesz. Czy jesteś teraz w bezpiecznym miejscu? Myślisz o zrobieniu sobie krzywdy? Porozmawiaj teraz z kimś. Numery są w aplikacji pod „Potrzebuję pomocy teraz”. Możesz też dalej pisać do mnie tutaj.',
      },
      sextortion: {
        label: 'Szantaż: nie płacić',
        text: 'Nie płać i nic więcej nie wysyłaj. Płacenie zwykle nie kończy szantażu. Zakończ rozmowę, ale najpierw zapisz nazwy i linki. Nie zapisuj zdjęć. To nie twoja wina. Pomożemy ci w kolejnych krokach.',
      },
      'evidence-safe': {
        label: 'Dowody są bezpieczne',
        text: 'Twoje dowody dotarły. Są bezpiecznie przechowywane. Nie musisz ich wysyłać jeszcze raz.',
      },
      'block-report': {
        label: 'Zablokuj i zgłoś',
        text: 'Możesz zablokować tę osobę. Możesz też zgłosić to w aplikacji albo na stronie. Zrobimy to razem?',
      },
      referral: {
        label: 'Przekazanie',
        text: 'Chcę cię skontaktować z osobami, które mogą pomóc w tej sprawie jeszcze lepiej. Czy to w porządku?',
      },
      closing: {
        label: 'Zakończenie',
        text: 'Cieszę się, że mogliśmy pomóc. Jeśli coś znowu się stanie, możesz zrobić nowe zgłoszenie.',
      },
    },
    friend: {
      'first-contact': {
        label: 'Pierwszy kontakt',
        text: 'Cześć! Tu {counsellor} z {helpline}. Twoje zgłoszenie o koledze albo koleżance jest już u mnie. Dobrze, że nam o tym piszesz. To nie twoja wina. Czy ta osoba jest teraz w bezpiecznym miejscu? A ty jesteś teraz w bezpiecznym miejscu?',
      },
      danger: {
        label: 'Niebezpieczeństwo',
        text: 'Czy twojemu koledze albo koleżance grozi teraz niebezpieczeństwo? Zadzwoń teraz pod {emergency} albo poproś o to dorosłą osobę. Powiedz, gdzie jest ta osoba. Napisz mi, kiedy to się uda.',
      },
      'self-harm': {
        label: 'Samookaleczenie',
        text: 'Dziękuję, że mi o tym piszesz. Czy twój kolega albo koleżanka jest teraz w bezpiecznym miejscu? Czy ta osoba mówi o zrobieniu sobie krzywdy? Powiedz o tym jeszcze dziś dorosłej osobie, której ufasz. Numery są w aplikacji pod „Potrzebuję pomocy teraz”. Nie musisz dźwigać tego bez pomocy.',
      },
      sextortion: {
        label: 'Szantaż: nie płacić',
        text: 'Powiedz koledze albo koleżance: Nie płać i nic więcej nie wysyłaj. Płacenie zwykle nie kończy szantażu. Zakończ rozmowę, ale najpierw zapisz nazwy i linki. Nie zapisuj zdjęć. To nie wina tej osoby. Pomożemy wam obojgu.',
      },
    },
    adult: {
      'first-contact': {
        label: 'Pierwszy kontakt',
        text: 'Dzień dobry, tu {counsellor} z {helpline}. To zgłoszenie jest już u mnie. Dziękujemy za wiadomość. Czy młoda osoba jest teraz w bezpiecznym miejscu?',
      },
      danger: {
        label: 'Niebezpieczeństwo',
        text: 'Czy komuś grozi teraz niebezpieczeństwo? Proszę zadzwonić teraz pod {emergency} i powiedzieć, gdzie to jest.',
      },
      'self-harm': {
        label: 'Samookaleczenie',
        text: 'Dziękujemy za wiadomość. Czy młoda osoba jest teraz w bezpiecznym miejscu? Czy myśli o zrobieniu sobie krzywdy? Proszę zostać przy niej i zadzwonić teraz na linię pomocy. Numery są w aplikacji pod „Potrzebuję pomocy teraz”.',
      },
      sextortion: {
        label: 'Szantaż: nie płacić',
        text: 'Proszę nie płacić i nic więcej nie wysyłać. Płacenie zwykle nie kończy szantażu. Proszę zakończyć kontakt, ale najpierw zapisać nazwy i linki. Proszę nie zapisywać zdjęć. To nie wina młodej osoby.',
      },
      'evidence-safe': {
        label: 'Dowody są bezpieczne',
        text: 'Dowody dotarły. Są bezpiecznie przechowywane. Nie trzeba ich wysyłać jeszcze raz.',
      },
      'block-report': {
        label: 'Zablokuj i zgłoś',
        text: 'Można zablokować tę osobę. Można też zgłosić to w aplikacji albo na stronie. Zrobimy to razem?',
      },
      referral: {
        label: 'Przekazanie',
        text: 'Chcemy przekazać kontakt do osób, które mogą pomóc w tej sprawie jeszcze lepiej. Czy to w porządku?',
      },
      closing: {
        label: 'Zakończenie',
        text: 'Dziękujemy za zgłoszenie. Jeśli coś znowu się stanie, można zrobić nowe zgłoszenie.',
      },
    },
    adultSelf: {
      'first-contact': {
        label: 'Pierwszy kontakt',
        text: 'Dzień dobry, tu {counsellor} z {helpline}. To zgłoszenie jest już u mnie. Dziękujemy za wiadomość. To nie jest wina osoby, której to się przydarzyło. Czy jest teraz bezpiecznie?',
      },
      danger: {
        label: 'Niebezpieczeństwo',
        text: 'Czy grozi teraz niebezpieczeństwo? Proszę zadzwonić teraz pod {emergency} i powiedzieć, gdzie to jest. Proszę napisać, kiedy będzie bezpiecznie.',
      },
      'self-harm': {
        label: 'Samookaleczenie',
        text: 'Dziękujemy za wiadomość. Czy jest teraz bezpiecznie? Jeśli pojawiają się myśli o zrobieniu sobie krzywdy, proszę od razu z kimś porozmawiać. Numery są w aplikacji pod „Potrzebuję pomocy teraz”. Można też dalej pisać do mnie tutaj.',
      },
      sextortion: {
        label: 'Szantaż: nie płacić',
        text: 'Proszę nie płacić i nic więcej nie wysyłać. Płacenie zwykle nie kończy szantażu. Proszę zakończyć kontakt, ale najpierw zapisać nazwy i linki. Proszę nie zapisywać zdjęć. To nie jest wina osoby, której to się przydarzyło.',
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
