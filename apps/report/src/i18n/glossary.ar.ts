import type { Glossary } from './glossary.ts';

/** Arabic (unreviewed, as catalogs/ar.json): the words a reviewer checks first. Avoided words are whole forms. */
export const glossaryAr: Glossary = [
  { thing: 'screenshots, messages and links a child keeps', use: 'أدلة', avoid: ['براهين', 'إثباتات'] },
  {
    thing: 'intimate images',
    use: 'صور عارية أو جنسية',
    avoid: ['صور مثيرة', 'مثيرة', 'إباحية', 'إباحي'],
  },
  { thing: 'the child’s report to the helpline', use: 'بلاغ', avoid: ['شكوى', 'شكواك'] },
  { thing: 'what the phone makes from a picture', use: 'بصمة', avoid: ['تجزئة', 'هاش'] },
  // One word for the PIN, another for the follow-up code, so a child never types one for the other.
  {
    thing: 'the PIN that locks the evidence',
    use: 'كلمة السر',
    avoid: ['كلمة المرور', 'الرقم السري', 'الرمز السري'],
  },
  { thing: 'the child’s own code to follow up', use: 'رمز المتابعة', avoid: ['رقم التذكرة', 'إيصال'] },
  { thing: 'closing the evidence with a PIN', use: 'اقفل / افتح', avoid: ['تشفير', 'مشفر', 'ختم'] },
  { thing: 'the helpline', use: 'خط المساعدة', avoid: ['الخط الساخن'] },
  // "رسالة" is a chat message; the letter to the app (a DSA notice) is a "خطاب".
  { thing: 'the notice to the app (DSA)', use: 'خطاب', avoid: ['رسالة إلى التطبيق'] },
];
