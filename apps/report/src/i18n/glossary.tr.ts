import type { Glossary } from './glossary.ts';

/** Turkish (unreviewed, as catalogs/tr.json): the words a reviewer checks first. */
export const glossaryTr: Glossary = [
  {
    thing: 'çocuğun sakladığı ekran görüntüleri, mesajlar ve bağlantılar',
    use: 'kanıt',
    avoid: ['delil', 'deliller', 'ispat'],
  },
  {
    thing: 'mahrem görüntüler',
    use: 'çıplak veya cinsel fotoğraflar',
    avoid: ['seksi', 'müstehcen', 'nü', 'çocuk pornosu'],
  },
  // "İhbar" sounds like informing on someone to the police; "rapor" is a document by an expert.
  {
    thing: 'çocuğun yardım hattına yaptığı bildirim',
    use: 'bildirim',
    avoid: ['ihbar', 'ihbarın', 'rapor', 'raporun', 'raporunu'],
  },
  {
    thing: 'telefonun bir resimden çıkardığı',
    use: 'parmak izi',
    avoid: ['hash', 'özet değeri', 'karma değer'],
  },
  { thing: 'kanıtları kilitleyen kısa şifre', use: 'PIN', avoid: ['şifre', 'şifreni', 'parola'] },
  { thing: 'kanıtları PIN ile kapatmak', use: 'kilitle / aç', avoid: ['şifrele', 'şifreli', 'mühürle'] },
  { thing: 'çocuğun takip kodu', use: 'kod', avoid: ['fiş kodu', 'bilet numarası'] },
  { thing: 'uygulamaya yazılan yasal bildirim (DSA)', use: 'mektup', avoid: ['dilekçe'] },
];
