/**
 * Code lists for override selectors, shipped as constants so that validation is pure and
 * does not depend on the ICU data of whichever Node runs it.
 */

/** ISO 3166-1 alpha-2, the 249 officially assigned codes. */
export const ISO_3166_1_ALPHA2: readonly string[] = Object.freeze(
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
   BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
   CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
   DE DJ DK DM DO DZ
   EC EE EG EH ER ES ET
   FI FJ FK FM FO FR
   GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
   HK HM HN HR HT HU
   ID IE IL IM IN IO IQ IR IS IT
   JE JM JO JP
   KE KG KH KI KM KN KP KR KW KY KZ
   LA LB LC LI LK LR LS LT LU LV LY
   MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
   NA NC NE NF NG NI NL NO NP NR NU NZ
   OM
   PA PE PF PG PH PK PL PM PN PR PS PT PW PY
   QA
   RE RO RS RU RW
   SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
   TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
   UA UG UM US UY UZ
   VA VC VE VG VI VN VU
   WF WS
   YE YT
   ZA ZM ZW`.split(/\s+/),
);

/**
 * Codes outside the official list that the phone-number metadata (libphonenumber) returns
 * for real subscribers: Kosovo (XK, user-assigned but universal), Ascension Island (AC) and
 * Tristan da Cunha (TA) (both exceptionally reserved). An account must be able to target
 * every country a subscriber can be found in.
 */
export const PHONE_REGION_EXTRA_CODES: readonly string[] = Object.freeze(['AC', 'TA', 'XK']);

/** ISO 639-1, the 183 current two-letter codes (withdrawn ones such as iw, in, sh excluded). */
export const ISO_639_1: readonly string[] = Object.freeze(
  `aa ab ae af ak am an ar as av ay az
   ba be bg bi bm bn bo br bs
   ca ce ch co cr cs cu cv cy
   da de dv dz
   ee el en eo es et eu
   fa ff fi fj fo fr fy
   ga gd gl gn gu gv
   ha he hi ho hr ht hu hy hz
   ia id ie ig ii ik io is it iu
   ja jv
   ka kg ki kj kk kl km kn ko kr ks ku kv kw ky
   la lb lg li ln lo lt lu lv
   mg mh mi mk ml mn mr ms mt my
   na nb nd ne ng nl nn no nr nv ny
   oc oj om or os
   pa pi pl ps pt
   qu
   rm rn ro ru rw
   sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
   ta te tg th ti tk tl tn to tr ts tt tw ty
   ug uk ur uz
   ve vi vo
   wa wo
   xh
   yi yo
   za zh zu`.split(/\s+/),
);

const COUNTRY_CODES: ReadonlySet<string> = new Set([...ISO_3166_1_ALPHA2, ...PHONE_REGION_EXTRA_CODES]);
const LANGUAGE_CODES: ReadonlySet<string> = new Set(ISO_639_1);

export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.has(code);
}

export function isLanguageCode(code: string): boolean {
  return LANGUAGE_CODES.has(code);
}

/**
 * Invalid codes people often type, with the one they probably meant (used in error
 * messages only, never applied silently).
 */
export const COUNTRY_CODE_HINTS: Readonly<Record<string, string>> = Object.freeze({ UK: 'GB', EL: 'GR' });
export const LANGUAGE_CODE_HINTS: Readonly<Record<string, string>> = Object.freeze({
  iw: 'he',
  in: 'id',
  ji: 'yi',
  jw: 'jv',
  mo: 'ro',
  sh: 'sr',
  gr: 'el',
  jp: 'ja',
  cn: 'zh',
  dk: 'da',
});
