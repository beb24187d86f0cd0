import type { Glossary } from './glossary.ts';

export const glossaryPl: Glossary = [
  {
    thing: 'zrzuty ekranu, wiadomości i linki, które zachowuje dziecko',
    use: 'dowody',
    avoid: ['materiał dowodowy'],
  },
  {
    thing: 'intymne obrazy',
    use: 'nagie albo seksualne zdjęcia',
    avoid: ['seksowne', 'sexy', 'nudesy', 'nudes', 'pornografia dziecięca', 'dziecięce porno'],
  },
  { thing: 'kod dziecka do sprawdzania odpowiedzi', use: 'kod', avoid: ['numer biletu', 'ticket'] },
  { thing: 'co telefon robi z obrazu', use: 'odcisk', avoid: ['hash', 'hasz', 'skrót'] },
  { thing: 'z czego składa się PIN albo kod', use: 'cyfry albo litery', avoid: ['znaki'] },
  // „Blokować” to coś, co robi się z osobą w aplikacji; dowody się zamyka, żeby dziecko nie myliło dwóch czynności.
  {
    thing: 'zamykanie dowodów PIN-em',
    use: 'zamknij / otwórz',
    avoid: ['zaszyfruj', 'szyfrować', 'zapieczętuj', 'zablokuj dowody'],
  },
  // Dorosłym bez „Pan/Pani”: forma bezosobowa („Proszę wybrać”, „można”) pasuje każdemu.
  {
    thing: 'zwracanie się do dorosłych',
    use: 'proszę + bezokolicznik; można',
    avoid: ['Pan', 'Pani', 'Pana'],
  },
  { thing: 'słowa bez rodzaju dla dziecka', use: 'forma bezosobowa', avoid: ['sam lub sama', 'zobaczyłeś'] },
  { thing: 'ludzie, którzy pomagają', use: 'linia pomocy (albo jej nazwa)', avoid: ['konsultant', 'agent'] },
];
