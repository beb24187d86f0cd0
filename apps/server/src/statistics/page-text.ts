/**
 * Words of the public statistics page, per language. Languages a pack declares but this file lacks fall
 * back to English (the page says so with `lang`). Category, role and age-band names are the common
 * taxonomy's codes in plain words for adults reading figures, not the reporter app's child-facing wording.
 */
export type PageText = {
  title: string;
  intro: string;
  privacy: (k: number) => string;
  language: string;
  openData: string;
  json: string;
  csv: string;
  schema: string;
  perMonth: string;
  reportsPerMonth: string;
  byCategory: string;
  byPlatform: string;
  byAgeBand: string;
  byRole: string;
  inPeriod: (period: string) => string;
  total: string;
  hidden: (k: number) => string;
  firstContact: string;
  firstContactIntro: (target: string, urgent: string) => string;
  allCases: string;
  urgentCases: string;
  period: string;
  median: string;
  p90: string;
  withinTarget: string;
  referrals: string;
  referralsIntro: string;
  service: string;
  referralCount: string;
  handover: string;
  confirmation: string;
  feedback: string;
  feedbackIntro: string;
  questions: { heard: string; helped: string; fastEnough: string };
  answers: { yes: string; partly: string; no: string };
  platforms: string;
  platformsIntro: (k: number) => string;
  platformsNone: (k: number) => string;
  platform: string;
  category: string;
  dsaLabel: string;
  noticesSent: string;
  answered: string;
  actedOn: string;
  hours: (h: string) => string;
  noData: string;
  categories: Record<string, string>;
  roles: Record<string, string>;
  ageBands: Record<string, string>;
  other: string;
};

const en: PageText = {
  title: 'Figures',
  intro:
    'How many reports this helpline received, how fast people got help, and what reporters told us afterwards.',
  privacy: (k) =>
    `Nobody can be recognised from these figures. A number smaller than ${k} is never shown, and some other numbers are hidden too, so it cannot be worked out.`,
  language: 'Language',
  openData: 'Open data',
  json: 'All figures as JSON',
  csv: 'All figures as CSV',
  schema: 'JSON Schema and data dictionary',
  perMonth: 'Per month',
  reportsPerMonth: 'Reports per month',
  byCategory: 'Reports by what happened',
  byPlatform: 'Reports by platform',
  byAgeBand: 'Reports by age',
  byRole: 'Reports by who reported',
  inPeriod: (p) => `in ${p}`,
  total: 'Total',
  hidden: (k) => `fewer than ${k}`,
  firstContact: 'Time to first human contact',
  firstContactIntro: (t, u) => `Our target: contact within ${t}; within ${u} when it is urgent.`,
  allCases: 'All cases',
  urgentCases: 'Urgent cases',
  period: 'Period',
  median: 'Median',
  p90: '9 in 10 within',
  withinTarget: 'Within target',
  referrals: 'Hand-over to partner organisations',
  referralsIntro:
    'How long a warm referral took to reach the partner, and how long the partner took to confirm it.',
  service: 'Organisation',
  referralCount: 'Referrals',
  handover: 'Hand-over',
  confirmation: 'Confirmation',
  feedback: 'Did this help?',
  feedbackIntro:
    'After a case closes, the reporter may answer three short questions. Answering is optional and anonymous.',
  questions: { heard: 'Felt heard', helped: 'It helped', fastEnough: 'Fast enough' },
  answers: { yes: 'Yes', partly: 'Partly', no: 'No' },
  platforms: 'Platform responses',
  platformsIntro: (k) =>
    `Notices this helpline sent to platforms under the Digital Services Act, as a trusted flagger: how many were answered, how fast the platform decided, and how often it removed or restricted the content. Only platforms with at least ${k} notices in a category are shown.`,
  platformsNone: (k) => `No platform has had ${k} or more notices in one category yet.`,
  platform: 'Platform',
  category: 'What happened',
  dsaLabel: 'DSA Transparency Database label',
  noticesSent: 'Notices sent',
  answered: 'Answered',
  actedOn: 'Removed or restricted',
  hours: (h) => `${h} h`,
  noData: 'Not enough cases to show.',
  categories: {
    harassment: 'Harassment',
    threats: 'Threats',
    exclusion: 'Exclusion',
    impersonation: 'Impersonation',
    exposure: 'Private information shared',
    'image-abuse': 'Intimate images shared',
    sextortion: 'Sextortion',
    hate: 'Hate',
    deepfake: 'Deepfake',
    grooming: 'Grooming',
    'self-harm': 'Self-harm',
    'harmful-content': 'Harmful content',
    other: 'Other',
  },
  roles: {
    self: 'The young person',
    friend: 'A friend or bystander',
    parent: 'A parent',
    professional: 'A professional',
    adult: 'An adult, about themselves',
  },
  ageBands: {
    'under-10': 'Under 10',
    '10-12': '10 to 12',
    '13-15': '13 to 15',
    '16-17': '16 and 17',
    '18-plus': '18 and over',
    unknown: 'Unknown',
  },
  other: 'Other',
};

const nl: PageText = {
  title: 'Cijfers',
  intro:
    'Hoeveel meldingen deze hulplijn kreeg, hoe snel mensen hulp kregen en wat melders ons achteraf vertelden.',
  privacy: (k) =>
    `Niemand is te herkennen in deze cijfers. Een getal kleiner dan ${k} tonen we nooit, en soms verbergen we ook een ander getal, zodat je het niet kunt uitrekenen.`,
  language: 'Taal',
  openData: 'Open data',
  json: 'Alle cijfers als JSON',
  csv: 'Alle cijfers als CSV',
  schema: 'JSON Schema en gegevenswoordenboek',
  perMonth: 'Per maand',
  reportsPerMonth: 'Meldingen per maand',
  byCategory: 'Meldingen naar wat er gebeurde',
  byPlatform: 'Meldingen naar platform',
  byAgeBand: 'Meldingen naar leeftijd',
  byRole: 'Meldingen naar wie meldde',
  inPeriod: (p) => `in ${p}`,
  total: 'Totaal',
  hidden: (k) => `minder dan ${k}`,
  firstContact: 'Tijd tot eerste menselijk contact',
  firstContactIntro: (t, u) => `Ons doel: contact binnen ${t}; binnen ${u} als het dringend is.`,
  allCases: 'Alle meldingen',
  urgentCases: 'Dringende meldingen',
  period: 'Periode',
  median: 'Mediaan',
  p90: '9 op 10 binnen',
  withinTarget: 'Binnen de norm',
  referrals: 'Overdracht aan partnerorganisaties',
  referralsIntro:
    'Hoe lang een warme overdracht duurde tot bij de partner, en hoe lang de partner deed over de bevestiging.',
  service: 'Organisatie',
  referralCount: 'Overdrachten',
  handover: 'Overdracht',
  confirmation: 'Bevestiging',
  feedback: 'Heeft het geholpen?',
  feedbackIntro:
    'Als een melding is afgesloten, kan de melder drie korte vragen beantwoorden. Dat mag, het hoeft niet, en het is anoniem.',
  questions: { heard: 'Voelde zich gehoord', helped: 'Het hielp', fastEnough: 'Snel genoeg' },
  answers: { yes: 'Ja', partly: 'Een beetje', no: 'Nee' },
  platforms: 'Reacties van platforms',
  platformsIntro: (k) =>
    `Meldingen die deze hulplijn als betrouwbare melder (trusted flagger) onder de Digital Services Act naar platforms stuurde: hoeveel er beantwoord zijn, hoe snel het platform besliste, en hoe vaak het de inhoud weghaalde of beperkte. Alleen platforms met minstens ${k} meldingen in een categorie staan erin.`,
  platformsNone: (k) => `Nog geen platform kreeg ${k} of meer meldingen in één categorie.`,
  platform: 'Platform',
  category: 'Wat er gebeurde',
  dsaLabel: 'Label in de DSA Transparency Database',
  noticesSent: 'Meldingen verstuurd',
  answered: 'Beantwoord',
  actedOn: 'Weggehaald of beperkt',
  hours: (h) => `${h} uur`,
  noData: 'Te weinig meldingen om te tonen.',
  categories: {
    harassment: 'Pesten en lastigvallen',
    threats: 'Bedreiging',
    exclusion: 'Buitensluiten',
    impersonation: 'Zich voordoen als iemand anders',
    exposure: 'Privégegevens gedeeld',
    'image-abuse': 'Intieme beelden gedeeld',
    sextortion: 'Sextortion',
    hate: 'Haat',
    deepfake: 'Deepfake',
    grooming: 'Grooming',
    'self-harm': 'Zelfbeschadiging',
    'harmful-content': 'Schadelijke inhoud',
    other: 'Anders',
  },
  roles: {
    self: 'De jongere zelf',
    friend: 'Een vriend of omstander',
    parent: 'Een ouder',
    professional: 'Een professional',
    adult: 'Een volwassene, over zichzelf',
  },
  ageBands: {
    'under-10': 'Jonger dan 10',
    '10-12': '10 tot 12',
    '13-15': '13 tot 15',
    '16-17': '16 en 17',
    '18-plus': '18 en ouder',
    unknown: 'Onbekend',
  },
  other: 'Anders',
};

const fr: PageText = {
  title: 'Chiffres',
  intro:
    'Combien de signalements cette ligne d’aide a reçus, à quelle vitesse les personnes ont été aidées, et ce que les personnes nous ont dit ensuite.',
  privacy: (k) =>
    `Personne ne peut être reconnu dans ces chiffres. Un nombre inférieur à ${k} n’est jamais affiché, et d’autres nombres sont aussi cachés pour qu’on ne puisse pas le calculer.`,
  language: 'Langue',
  openData: 'Données ouvertes',
  json: 'Tous les chiffres en JSON',
  csv: 'Tous les chiffres en CSV',
  schema: 'Schéma JSON et dictionnaire des données',
  perMonth: 'Par mois',
  reportsPerMonth: 'Signalements par mois',
  byCategory: 'Signalements selon ce qui s’est passé',
  byPlatform: 'Signalements par plateforme',
  byAgeBand: 'Signalements par âge',
  byRole: 'Signalements selon qui a signalé',
  inPeriod: (p) => `en ${p}`,
  total: 'Total',
  hidden: (k) => `moins de ${k}`,
  firstContact: 'Délai avant le premier contact humain',
  firstContactIntro: (t, u) => `Notre objectif : un contact en ${t} ; en ${u} quand c’est urgent.`,
  allCases: 'Tous les cas',
  urgentCases: 'Cas urgents',
  period: 'Période',
  median: 'Médiane',
  p90: '9 sur 10 en',
  withinTarget: 'Dans le délai',
  referrals: 'Transmission aux organisations partenaires',
  referralsIntro:
    'Le temps qu’a pris une transmission pour arriver chez le partenaire, et le temps que le partenaire a mis à la confirmer.',
  service: 'Organisation',
  referralCount: 'Transmissions',
  handover: 'Transmission',
  confirmation: 'Confirmation',
  feedback: 'Est-ce que ça a aidé ?',
  feedbackIntro:
    'Quand un cas est clos, la personne peut répondre à trois courtes questions. C’est facultatif et anonyme.',
  questions: { heard: 'Se sentir écouté', helped: 'Ça a aidé', fastEnough: 'Assez rapide' },
  answers: { yes: 'Oui', partly: 'En partie', no: 'Non' },
  platforms: 'Réponses des plateformes',
  platformsIntro: (k) =>
    `Signalements envoyés aux plateformes par cette ligne d’aide comme signaleur de confiance (Digital Services Act) : combien ont reçu une réponse, en combien de temps la plateforme a décidé, et combien de fois elle a retiré ou restreint le contenu. Seules les plateformes avec au moins ${k} signalements dans une catégorie sont montrées.`,
  platformsNone: (k) => `Aucune plateforme n’a encore reçu ${k} signalements ou plus dans une catégorie.`,
  platform: 'Plateforme',
  category: 'Ce qui s’est passé',
  dsaLabel: 'Libellé dans la DSA Transparency Database',
  noticesSent: 'Signalements envoyés',
  answered: 'Avec réponse',
  actedOn: 'Retiré ou restreint',
  hours: (h) => `${h} h`,
  noData: 'Pas assez de cas à afficher.',
  categories: {
    harassment: 'Harcèlement',
    threats: 'Menaces',
    exclusion: 'Exclusion',
    impersonation: 'Usurpation d’identité',
    exposure: 'Informations privées partagées',
    'image-abuse': 'Images intimes partagées',
    sextortion: 'Sextorsion',
    hate: 'Haine',
    deepfake: 'Deepfake',
    grooming: 'Pédopiégeage',
    'self-harm': 'Automutilation',
    'harmful-content': 'Contenu préjudiciable',
    other: 'Autre',
  },
  roles: {
    self: 'Le jeune lui-même',
    friend: 'Un ami ou un témoin',
    parent: 'Un parent',
    professional: 'Un professionnel',
    adult: 'Un adulte, pour lui-même',
  },
  ageBands: {
    'under-10': 'Moins de 10 ans',
    '10-12': '10 à 12 ans',
    '13-15': '13 à 15 ans',
    '16-17': '16 et 17 ans',
    '18-plus': '18 ans et plus',
    unknown: 'Inconnu',
  },
  other: 'Autre',
};

const de: PageText = {
  title: 'Zahlen',
  intro:
    'Wie viele Meldungen diese Beratungsstelle erhielt, wie schnell Menschen Hilfe bekamen und was Meldende uns danach sagten.',
  privacy: (k) =>
    `Niemand ist in diesen Zahlen zu erkennen. Eine Zahl unter ${k} zeigen wir nie, und manchmal verbergen wir auch eine andere Zahl, damit man sie nicht ausrechnen kann.`,
  language: 'Sprache',
  openData: 'Offene Daten',
  json: 'Alle Zahlen als JSON',
  csv: 'Alle Zahlen als CSV',
  schema: 'JSON Schema und Datenwörterbuch',
  perMonth: 'Pro Monat',
  reportsPerMonth: 'Meldungen pro Monat',
  byCategory: 'Meldungen nach dem, was passiert ist',
  byPlatform: 'Meldungen nach Plattform',
  byAgeBand: 'Meldungen nach Alter',
  byRole: 'Meldungen nach meldender Person',
  inPeriod: (p) => `im Zeitraum ${p}`,
  total: 'Gesamt',
  hidden: (k) => `weniger als ${k}`,
  firstContact: 'Zeit bis zum ersten menschlichen Kontakt',
  firstContactIntro: (t, u) =>
    `Unser Ziel: Kontakt innerhalb von ${t}; innerhalb von ${u}, wenn es dringend ist.`,
  allCases: 'Alle Fälle',
  urgentCases: 'Dringende Fälle',
  period: 'Zeitraum',
  median: 'Median',
  p90: '9 von 10 innerhalb',
  withinTarget: 'Im Ziel',
  referrals: 'Übergabe an Partnerorganisationen',
  referralsIntro:
    'Wie lange eine Übergabe bis zum Partner brauchte und wie lange der Partner für die Bestätigung brauchte.',
  service: 'Organisation',
  referralCount: 'Übergaben',
  handover: 'Übergabe',
  confirmation: 'Bestätigung',
  feedback: 'Hat es geholfen?',
  feedbackIntro:
    'Wenn ein Fall abgeschlossen ist, kann die meldende Person drei kurze Fragen beantworten. Das ist freiwillig und anonym.',
  questions: { heard: 'Fühlte sich gehört', helped: 'Es hat geholfen', fastEnough: 'Schnell genug' },
  answers: { yes: 'Ja', partly: 'Teilweise', no: 'Nein' },
  platforms: 'Antworten der Plattformen',
  platformsIntro: (k) =>
    `Meldungen, die diese Beratungsstelle als vertrauenswürdiger Hinweisgeber (Digital Services Act) an Plattformen geschickt hat: wie viele beantwortet wurden, wie schnell die Plattform entschied und wie oft sie den Inhalt entfernt oder eingeschränkt hat. Nur Plattformen mit mindestens ${k} Meldungen in einer Kategorie werden gezeigt.`,
  platformsNone: (k) => `Noch keine Plattform hat ${k} oder mehr Meldungen in einer Kategorie bekommen.`,
  platform: 'Plattform',
  category: 'Was passiert ist',
  dsaLabel: 'Bezeichnung in der DSA Transparency Database',
  noticesSent: 'Gesendete Meldungen',
  answered: 'Beantwortet',
  actedOn: 'Entfernt oder eingeschränkt',
  hours: (h) => `${h} Std.`,
  noData: 'Zu wenige Fälle, um etwas zu zeigen.',
  categories: {
    harassment: 'Belästigung',
    threats: 'Drohungen',
    exclusion: 'Ausgrenzung',
    impersonation: 'Identitätsmissbrauch',
    exposure: 'Private Daten verbreitet',
    'image-abuse': 'Intime Bilder verbreitet',
    sextortion: 'Sextortion',
    hate: 'Hass',
    deepfake: 'Deepfake',
    grooming: 'Cybergrooming',
    'self-harm': 'Selbstverletzung',
    'harmful-content': 'Schädliche Inhalte',
    other: 'Anderes',
  },
  roles: {
    self: 'Die junge Person selbst',
    friend: 'Freund oder Zeuge',
    parent: 'Ein Elternteil',
    professional: 'Eine Fachkraft',
    adult: 'Ein Erwachsener, über sich selbst',
  },
  ageBands: {
    'under-10': 'Unter 10',
    '10-12': '10 bis 12',
    '13-15': '13 bis 15',
    '16-17': '16 und 17',
    '18-plus': '18 und älter',
    unknown: 'Unbekannt',
  },
  other: 'Anderes',
};

const uk: PageText = {
  title: 'Цифри',
  intro:
    'Скільки повідомлень отримала ця лінія допомоги, як швидко люди отримали допомогу і що нам потім розповіли ті, хто повідомляв.',
  privacy: (k) =>
    `За цими цифрами нікого не можна впізнати. Число, менше за ${k}, ніколи не показується, а деякі інші числа теж приховано, щоб його не можна було вирахувати.`,
  language: 'Мова',
  openData: 'Відкриті дані',
  json: 'Усі цифри у форматі JSON',
  csv: 'Усі цифри у форматі CSV',
  schema: 'JSON Schema і словник даних',
  perMonth: 'За місяць',
  reportsPerMonth: 'Повідомлення за місяць',
  byCategory: 'Повідомлення за тим, що сталося',
  byPlatform: 'Повідомлення за платформою',
  byAgeBand: 'Повідомлення за віком',
  byRole: 'Повідомлення за тим, хто повідомив',
  inPeriod: (p) => `за ${p}`,
  total: 'Разом',
  hidden: (k) => `менше ${k}`,
  firstContact: 'Час до першого контакту з людиною',
  firstContactIntro: (t, u) => `Наша мета: контакт протягом ${t}; протягом ${u}, коли це терміново.`,
  allCases: 'Усі випадки',
  urgentCases: 'Термінові випадки',
  period: 'Період',
  median: 'Медіана',
  p90: '9 з 10 протягом',
  withinTarget: 'У межах мети',
  referrals: 'Передача партнерським організаціям',
  referralsIntro:
    'Скільки часу тривала передача випадку партнерові і скільки часу партнер потребував, щоб її підтвердити.',
  service: 'Організація',
  referralCount: 'Передачі',
  handover: 'Передача',
  confirmation: 'Підтвердження',
  feedback: 'Чи це допомогло?',
  feedbackIntro:
    'Після закриття випадку людина, яка повідомила, може відповісти на три короткі запитання. Відповідати не обов’язково, і це анонімно.',
  questions: { heard: 'Мене вислухали', helped: 'Це допомогло', fastEnough: 'Досить швидко' },
  answers: { yes: 'Так', partly: 'Частково', no: 'Ні' },
  platforms: 'Відповіді платформ',
  platformsIntro: (k) =>
    `Повідомлення, які ця лінія допомоги як довірений сигналізатор надіслала платформам за Актом про цифрові послуги: скільки з них отримали відповідь, як швидко платформа вирішила і як часто вона видаляла або обмежувала вміст. Показано лише платформи, які мають щонайменше ${k} повідомлень в одній категорії.`,
  platformsNone: (k) => `Ще жодна платформа не має ${k} або більше повідомлень в одній категорії.`,
  platform: 'Платформа',
  category: 'Що сталося',
  dsaLabel: 'Мітка в базі даних прозорості DSA',
  noticesSent: 'Надіслані повідомлення',
  answered: 'З відповіддю',
  actedOn: 'Видалено або обмежено',
  hours: (h) => `${h} год`,
  noData: 'Замало випадків, щоб показати.',
  categories: {
    harassment: 'Цькування',
    threats: 'Погрози',
    exclusion: 'Виключення з групи',
    impersonation: 'Видавання себе за іншу людину',
    exposure: 'Поширення особистої інформації',
    'image-abuse': 'Поширення інтимних зображень',
    sextortion: 'Сексуальний шантаж',
    hate: 'Ненависть',
    deepfake: 'Діпфейк',
    grooming: 'Грумінг',
    'self-harm': 'Самоушкодження',
    'harmful-content': 'Шкідливий вміст',
    other: 'Інше',
  },
  roles: {
    self: 'Молода людина',
    friend: 'Друг, подруга або свідок',
    parent: 'Батьки',
    professional: 'Фахівець',
    adult: 'Доросла людина про себе',
  },
  ageBands: {
    'under-10': 'Менше 10',
    '10-12': 'Від 10 до 12',
    '13-15': 'Від 13 до 15',
    '16-17': '16 і 17',
    '18-plus': '18 і більше',
    unknown: 'Невідомо',
  },
  other: 'Інше',
};

const pl: PageText = {
  title: 'Liczby',
  intro:
    'Ile zgłoszeń otrzymała ta linia pomocy, jak szybko ludzie dostali pomoc i co zgłaszający powiedzieli nam potem.',
  privacy: (k) =>
    `Na podstawie tych liczb nie da się nikogo rozpoznać. Liczba mniejsza niż ${k} nigdy nie jest pokazywana, a niektóre inne liczby też są ukryte, żeby nie dało się jej wyliczyć.`,
  language: 'Język',
  openData: 'Otwarte dane',
  json: 'Wszystkie liczby jako JSON',
  csv: 'Wszystkie liczby jako CSV',
  schema: 'JSON Schema i słownik danych',
  perMonth: 'Na miesiąc',
  reportsPerMonth: 'Zgłoszenia na miesiąc',
  byCategory: 'Zgłoszenia według tego, co się stało',
  byPlatform: 'Zgłoszenia według platformy',
  byAgeBand: 'Zgłoszenia według wieku',
  byRole: 'Zgłoszenia według tego, kto zgłosił',
  inPeriod: (p) => `w okresie ${p}`,
  total: 'Razem',
  hidden: (k) => `mniej niż ${k}`,
  firstContact: 'Czas do pierwszego kontaktu z człowiekiem',
  firstContactIntro: (t, u) => `Nasz cel: kontakt w ciągu ${t}; w ciągu ${u}, gdy sprawa jest pilna.`,
  allCases: 'Wszystkie sprawy',
  urgentCases: 'Pilne sprawy',
  period: 'Okres',
  median: 'Mediana',
  p90: '9 na 10 w ciągu',
  withinTarget: 'W ramach celu',
  referrals: 'Przekazanie organizacjom partnerskim',
  referralsIntro:
    'Ile trwało przekazanie sprawy partnerowi i ile czasu partner potrzebował, żeby je potwierdzić.',
  service: 'Organizacja',
  referralCount: 'Przekazania',
  handover: 'Przekazanie',
  confirmation: 'Potwierdzenie',
  feedback: 'Czy to pomogło?',
  feedbackIntro:
    'Po zamknięciu sprawy osoba zgłaszająca może odpowiedzieć na trzy krótkie pytania. Odpowiedź jest dobrowolna i anonimowa.',
  questions: { heard: 'Wysłuchanie', helped: 'Pomoc', fastEnough: 'Wystarczająco szybko' },
  answers: { yes: 'Tak', partly: 'Częściowo', no: 'Nie' },
  platforms: 'Odpowiedzi platform',
  platformsIntro: (k) =>
    `Zawiadomienia, które ta linia pomocy jako zaufany podmiot sygnalizujący wysłała do platform na podstawie aktu o usługach cyfrowych: ile z nich dostało odpowiedź, jak szybko platforma zdecydowała i jak często usuwała lub ograniczała treści. Pokazujemy tylko platformy z co najmniej ${k} zawiadomieniami w jednej kategorii.`,
  platformsNone: (k) => `Żadna platforma nie ma jeszcze ${k} lub więcej zawiadomień w jednej kategorii.`,
  platform: 'Platforma',
  category: 'Co się stało',
  dsaLabel: 'Etykieta w bazie danych przejrzystości DSA',
  noticesSent: 'Wysłane zawiadomienia',
  answered: 'Z odpowiedzią',
  actedOn: 'Usunięte lub ograniczone',
  hours: (h) => `${h} godz.`,
  noData: 'Za mało spraw, żeby je pokazać.',
  categories: {
    harassment: 'Nękanie',
    threats: 'Groźby',
    exclusion: 'Wykluczanie',
    impersonation: 'Podszywanie się',
    exposure: 'Udostępnienie prywatnych informacji',
    'image-abuse': 'Udostępnienie intymnych obrazów',
    sextortion: 'Sekstorsja',
    hate: 'Nienawiść',
    deepfake: 'Deepfake',
    grooming: 'Grooming',
    'self-harm': 'Samookaleczenie',
    'harmful-content': 'Szkodliwe treści',
    other: 'Inne',
  },
  roles: {
    self: 'Młoda osoba',
    friend: 'Kolega, koleżanka lub świadek',
    parent: 'Rodzic',
    professional: 'Specjalista',
    adult: 'Osoba dorosła o sobie',
  },
  ageBands: {
    'under-10': 'Poniżej 10',
    '10-12': 'Od 10 do 12',
    '13-15': 'Od 13 do 15',
    '16-17': '16 i 17',
    '18-plus': '18 i więcej',
    unknown: 'Nieznany',
  },
  other: 'Inne',
};

// Turkish and Arabic: translated by the team, not yet reviewed by a native speaker (as the app's catalogs).
const tr: PageText = {
  title: 'Rakamlar',
  intro:
    'Bu yardım hattına kaç bildirim geldi, insanlar ne kadar hızlı yardım aldı ve bildirenler bize sonra ne anlattı.',
  privacy: (k) =>
    `Bu rakamlardan kimse tanınamaz. ${k} sayısından küçük bir sayı asla gösterilmez; hesaplanamasın diye başka bazı sayılar da gizlenir.`,
  language: 'Dil',
  openData: 'Açık veri',
  json: 'Tüm rakamlar JSON olarak',
  csv: 'Tüm rakamlar CSV olarak',
  schema: 'JSON Schema ve veri sözlüğü',
  perMonth: 'Aylık',
  reportsPerMonth: 'Aylık bildirimler',
  byCategory: 'Ne olduğuna göre bildirimler',
  byPlatform: 'Platforma göre bildirimler',
  byAgeBand: 'Yaşa göre bildirimler',
  byRole: 'Kimin bildirdiğine göre bildirimler',
  inPeriod: (p) => `${p} döneminde`,
  total: 'Toplam',
  hidden: (k) => `${k} sayısından az`,
  firstContact: 'Bir insanla ilk temasa kadar geçen süre',
  firstContactIntro: (t, u) => `Hedefimiz: ${t} içinde temas; acil olduğunda ${u} içinde.`,
  allCases: 'Tüm vakalar',
  urgentCases: 'Acil vakalar',
  period: 'Dönem',
  median: 'Ortanca',
  p90: "10 vakadan 9'u bu süre içinde",
  withinTarget: 'Hedef süre içinde',
  referrals: 'Ortak kuruluşlara devir',
  referralsIntro:
    'Sıcak bir yönlendirmenin ortağa ulaşması ne kadar sürdü ve ortağın onaylaması ne kadar sürdü.',
  service: 'Kuruluş',
  referralCount: 'Yönlendirmeler',
  handover: 'Devir',
  confirmation: 'Onay',
  feedback: 'Bu yardımcı oldu mu?',
  feedbackIntro:
    'Bir vaka kapandıktan sonra bildiren kişi üç kısa soruyu yanıtlayabilir. Yanıtlamak isteğe bağlıdır ve anonimdir.',
  questions: { heard: 'Dinlendiğini hissetti', helped: 'Yardımcı oldu', fastEnough: 'Yeterince hızlı' },
  answers: { yes: 'Evet', partly: 'Kısmen', no: 'Hayır' },
  platforms: 'Platformların yanıtları',
  platformsIntro: (k) =>
    `Bu yardım hattının güvenilir işaretleyici olarak Dijital Hizmetler Yasası kapsamında platformlara gönderdiği bildirimler: kaçı yanıtlandı, platform ne kadar hızlı karar verdi ve içeriği ne sıklıkla kaldırdı ya da kısıtladı. Yalnızca bir kategoride en az ${k} bildirimi olan platformlar gösterilir.`,
  platformsNone: (k) => `Henüz hiçbir platformun bir kategoride ${k} veya daha fazla bildirimi yok.`,
  platform: 'Platform',
  category: 'Ne oldu',
  dsaLabel: 'DSA Şeffaflık Veritabanı etiketi',
  noticesSent: 'Gönderilen bildirimler',
  answered: 'Yanıtlanan',
  actedOn: 'Kaldırılan veya kısıtlanan',
  hours: (h) => `${h} sa`,
  noData: 'Gösterecek kadar vaka yok.',
  categories: {
    harassment: 'Taciz',
    threats: 'Tehdit',
    exclusion: 'Dışlama',
    impersonation: 'Kimliğe bürünme',
    exposure: 'Özel bilgilerin paylaşılması',
    'image-abuse': 'Mahrem görüntülerin paylaşılması',
    sextortion: 'Cinsel şantaj',
    hate: 'Nefret',
    deepfake: 'Deepfake',
    grooming: 'Çocuk istismarı amaçlı yakınlaşma',
    'self-harm': 'Kendine zarar verme',
    'harmful-content': 'Zararlı içerik',
    other: 'Diğer',
  },
  roles: {
    self: 'Gencin kendisi',
    friend: 'Bir arkadaş veya tanık',
    parent: 'Bir ebeveyn',
    professional: 'Bir profesyonel',
    adult: 'Kendisi hakkında bir yetişkin',
  },
  ageBands: {
    'under-10': '10 yaş altı',
    '10-12': '10-12 yaş',
    '13-15': '13-15 yaş',
    '16-17': '16 ve 17 yaş',
    '18-plus': '18 yaş ve üzeri',
    unknown: 'Bilinmiyor',
  },
  other: 'Diğer',
};

const ar: PageText = {
  title: 'الأرقام',
  intro: 'كم بلاغًا تلقّى خط المساعدة هذا، وبأي سرعة حصل الناس على المساعدة، وماذا أخبرنا المبلّغون بعد ذلك.',
  privacy: (k) =>
    `لا يمكن التعرّف على أي شخص من هذه الأرقام. لا نعرض أبدًا أي عدد أصغر من ${k}، ونخفي أيضًا بعض الأعداد الأخرى حتى لا يمكن حسابه.`,
  language: 'اللغة',
  openData: 'بيانات مفتوحة',
  json: 'كل الأرقام بصيغة JSON',
  csv: 'كل الأرقام بصيغة CSV',
  schema: 'مخطط JSON وقاموس البيانات',
  perMonth: 'شهريًا',
  reportsPerMonth: 'البلاغات في الشهر',
  byCategory: 'البلاغات حسب ما حدث',
  byPlatform: 'البلاغات حسب المنصة',
  byAgeBand: 'البلاغات حسب العمر',
  byRole: 'البلاغات حسب من أبلغ',
  inPeriod: (p) => `في ${p}`,
  total: 'المجموع',
  hidden: (k) => `أقل من ${k}`,
  firstContact: 'الوقت حتى أول تواصل مع شخص',
  firstContactIntro: (t, u) => `هدفنا: التواصل خلال ${t}؛ وخلال ${u} عندما يكون الأمر عاجلًا.`,
  allCases: 'كل الحالات',
  urgentCases: 'الحالات العاجلة',
  period: 'الفترة',
  median: 'الوسيط',
  p90: '9 من كل 10 خلال',
  withinTarget: 'ضمن الهدف',
  referrals: 'التحويل إلى المنظمات الشريكة',
  referralsIntro: 'كم استغرق التحويل المباشر حتى يصل إلى الشريك، وكم استغرق الشريك ليؤكّده.',
  service: 'المنظمة',
  referralCount: 'التحويلات',
  handover: 'التحويل',
  confirmation: 'التأكيد',
  feedback: 'هل ساعد هذا؟',
  feedbackIntro:
    'بعد إغلاق الحالة يمكن للمبلّغ أن يجيب عن ثلاثة أسئلة قصيرة. الإجابة اختيارية وبدون ذكر الاسم.',
  questions: { heard: 'شعر بأنه مسموع', helped: 'ساعد ذلك', fastEnough: 'سريع بما يكفي' },
  answers: { yes: 'نعم', partly: 'جزئيًا', no: 'لا' },
  platforms: 'ردود المنصات',
  platformsIntro: (k) =>
    `البلاغات التي أرسلها خط المساعدة هذا إلى المنصات بموجب قانون الخدمات الرقمية، بصفته مُبلِّغًا موثوقًا: كم منها لقي ردًا، وبأي سرعة قررت المنصة، وكم مرة أزالت المحتوى أو قيّدته. لا تظهر إلا المنصات التي لديها ${k} بلاغات على الأقل في فئة واحدة.`,
  platformsNone: (k) => `لا توجد بعد منصة لديها ${k} بلاغات أو أكثر في فئة واحدة.`,
  platform: 'المنصة',
  category: 'ما حدث',
  dsaLabel: 'تصنيف قاعدة بيانات الشفافية لقانون الخدمات الرقمية',
  noticesSent: 'البلاغات المرسلة',
  answered: 'تمّ الرد',
  actedOn: 'أُزيل أو قُيِّد',
  hours: (h) => `${h} ساعة`,
  noData: 'لا توجد حالات كافية للعرض.',
  categories: {
    harassment: 'تحرّش',
    threats: 'تهديدات',
    exclusion: 'إقصاء',
    impersonation: 'انتحال شخصية',
    exposure: 'نشر معلومات خاصة',
    'image-abuse': 'نشر صور حميمة',
    sextortion: 'ابتزاز جنسي',
    hate: 'كراهية',
    deepfake: 'تزييف عميق',
    grooming: 'استدراج',
    'self-harm': 'إيذاء النفس',
    'harmful-content': 'محتوى ضار',
    other: 'أخرى',
  },
  roles: {
    self: 'الشاب نفسه',
    friend: 'صديق أو شاهد',
    parent: 'أحد الوالدين',
    professional: 'مختص',
    adult: 'شخص بالغ عن نفسه',
  },
  ageBands: {
    'under-10': 'أقل من 10',
    '10-12': 'من 10 إلى 12',
    '13-15': 'من 13 إلى 15',
    '16-17': '16 و17',
    '18-plus': '18 وما فوق',
    unknown: 'غير معروف',
  },
  other: 'أخرى',
};

export const PAGE_TEXTS: Record<string, PageText> = { en, nl, fr, de, tr, ar, uk, pl };

/** The page's words in `lang`, or English when this file has none for it. */
export function pageTextFor(lang: string): { lang: string; text: PageText } {
  const text = PAGE_TEXTS[lang];
  return text ? { lang, text } : { lang: 'en', text: en };
}
