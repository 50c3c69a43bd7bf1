import { describe, expect, it } from 'vitest';
import { loadCptLexicon } from '../../../src/codes/cpt/load-cpt-lexicon.js';
import {
  facetEntry,
  interspaceCount,
  muscleCount,
  readFacets,
} from '../../../src/pipeline/cpt/procedure-facets.js';
import { LEXICON } from '../../helpers/fixtures.js';

const { entries } = loadCptLexicon(LEXICON);

/** The code a family's trigger entry becomes once the words around it are read. */
function coded(triggerCode: string, words: string): string | undefined {
  const own = entries.find((e) => e.code === triggerCode);
  const family = own?.attributes.family;
  if (own === undefined || family === undefined) {
    throw new Error(`${triggerCode} has no facet family`);
  }
  const members = entries.filter((e) => e.attributes.family === family);
  return facetEntry(members, own, readFacets(family, words.toLowerCase()))?.code;
}

describe('wound repair by summed length, site group and complexity', () => {
  it.each([
    [
      'a 2 cm laceration of the forearm was closed with simple interrupted sutures',
      '12001',
      '12001',
    ],
    ['lacerations of the thigh, 3 cm and 2.5 cm, simple closure', '12001', '12002'],
    ['a 15 mm laceration of the upper lip, single-layer closure', '12001', '12011'],
    ['4.5 cm chin laceration repaired', '12001', '12013'],
    ['5.5 cm chin laceration repaired', '12001', '12014'],
    [
      'a 6 cm scalp laceration closed in layers: layered closure with deep sutures',
      '12001',
      '12032',
    ],
    ['layered closure of a 2 cm laceration on the dorsum of the hand', '12031', '12041'],
    ['layered closure of a 3 cm eyebrow laceration', '12031', '12052'],
    ['complex repair of a 5 cm laceration of the back with retention sutures', '13100', '13101'],
    ['a 1.8 cm nasal laceration needing complex repair', '13100', '13151'],
  ])('%s → %s', (words, trigger, code) => {
    expect(coded(trigger, words)).toBe(code);
  });

  it('keeps the trigger entry when the words say nothing more', () => {
    expect(coded('12001', 'the laceration was repaired')).toBe('12001');
    expect(coded('12031', 'layered closure performed')).toBe('12031');
  });
});

describe('lesion excision by excised diameter and site', () => {
  it.each([
    ['excision of a 0.4 cm nevus of the back', '11400', '11400'],
    ['a 1.2 cm sebaceous cyst of the upper arm excised with margins of 2 mm', '11400', '11402'],
    ['excision of a 0.8 cm lesion of the scalp with 1 mm margins', '11400', '11421'],
    ['excision of a 5 mm lesion of the cheek', '11400', '11440'],
    ['excision of a 7 mm lesion of the cheek', '11400', '11441'],
    ['excision of basal cell carcinoma of the nose, 1.0 cm, margins of 4 mm', '11600', '11642'],
    ['excision of a 1.6 cm lipoma of the thigh with 3 mm margins', '11400', '11403'],
  ])('%s → %s', (words, trigger, code) => {
    expect(coded(trigger, words)).toBe(code);
  });

  it('does not call a lesion malignant while the diagnosis is open', () => {
    expect(coded('11400', 'excision of a 0.5 cm lesion of the back, rule out melanoma')).toBe(
      '11400',
    );
  });
});

describe('joint injection by joint size and guidance', () => {
  it.each([
    ['the right knee was injected with 40 mg triamcinolone', '20610'],
    ['the left knee was aspirated under ultrasound guidance', '20611'],
    ['injection of the olecranon bursa', '20605'],
    ['intra-articular injection of the wrist with ultrasound guidance', '20606'],
    ['the first metatarsophalangeal joint was injected', '20600'],
    ['the thumb interphalangeal joint was injected under ultrasound guidance', '20604'],
  ])('%s → %s', (words, code) => {
    expect(coded('20610', words)).toBe(code);
  });

  it('is no extremity joint when the words say facet, sacroiliac or epidural', () => {
    expect(coded('20610', 'lumbar facet joint injections at L4-5')).toBeUndefined();
  });
});

describe('interlaminar epidural injection by the spine region its words name', () => {
  it.each([
    ['intralaminar epidural steroid injection at L4-5', '62322'],
    ['caudal epidural injection with 80 mg of methylprednisolone', '62322'],
    ['epidural steroid injection, C6-7, interlaminar approach', '62320'],
    ['epidural steroid injection at the T11-T12 interspace', '62320'],
    ['thoracic epidural steroid injection', '62320'],
    ['epidural injection at the lumbosacral junction, L5-S1', '62322'],
  ])('%s → %s', (words, code) => {
    expect(coded('62322', words)).toBe(code);
  });

  it('takes the region named first, and lumbar when none is named', () => {
    expect(
      coded('62322', 'cervical epidural injection for neck pain radiating from C5 to L1 area'),
    ).toBe('62320');
    expect(coded('62322', 'the epidural injection was done with a Tuohy needle')).toBe('62322');
    expect(coded('62320', 'the epidural injection was done with a Tuohy needle')).toBe('62320');
  });

  it('is no interlaminar injection when it goes through the foramen', () => {
    expect(coded('62322', 'left L5 transforaminal epidural steroid injection')).toBeUndefined();
    expect(coded('62322', 'selective nerve root block at C6')).toBeUndefined();
  });
});

describe('posterior or posterolateral fusion by the region its levels name', () => {
  it.each([
    ['posterior spinal fusion, L4 to S1, with local autograft', '22612'],
    ['posterolateral fusion T10-T12 with allograft chips', '22610'],
    ['posterior fusion of C5 to C7 with lateral mass screws', '22600'],
    // The region named first; the trigger's region when none is named.
    ['posterolateral arthrodesis from T12 to L2', '22610'],
    ['the posterolateral gutters were decorticated for the fusion', '22612'],
  ])('%s → %s', (words, code) => {
    expect(coded('22612', words)).toBe(code);
  });

  it('is no fusion by region when the words are about a curve', () => {
    expect(coded('22612', 'posterior spinal fusion T3 to L1 to correct the curve')).toBeUndefined();
  });
});

describe('spinal instrumentation by approach and the vertebral segments it spans', () => {
  it.each([
    ['posterior spinal instrumentation, L4 to S1, with pedicle screws and rods', '22842', '22842'],
    ['pedicle screw fixation from T8 through L3', '22842', '22843'],
    ['posterior segmental instrumentation, T2 to L4, for kyphoscoliosis', '22842', '22844'],
    ['anterior cervical plate spanning C5-C6', '22845', '22845'],
    ['anterior instrumentation with a locking plate from C3 to C6', '22845', '22846'],
    ['anterior spinal instrumentation, T8 to L3', '22845', '22847'],
    // The approach named first: the posterior longitudinal ligament is anatomy of an anterior fusion.
    [
      'anterior cervical plate, C4 to C6. The discs were cleared to the posterior longitudinal ligament',
      '22842',
      '22845',
    ],
    // The trigger's approach when the words name none; the plate of an anterior construct.
    ['instrumentation from C4 to C7 with a plate', '22842', '22846'],
  ])('%s → %s', (words, trigger, code) => {
    expect(coded(trigger, words)).toBe(code);
  });

  it('keeps the trigger entry when no span is written, and is nothing when hardware comes out', () => {
    expect(coded('22842', 'posterior instrumentation was placed')).toBe('22842');
    expect(coded('22842', 'removal of pedicle screws and rods, L4 to S1')).toBeUndefined();
    expect(coded('22842', 'the posterior hardware was removed, L3 to L5')).toBeUndefined();
    // Bone or disc taken out beside the instrumentation placed is no removal of hardware.
    expect(
      coded('22845', 'discectomy with removal of posterior osteophytes; anterior plate, C3 to C5'),
    ).toBe('22845');
  });
});

describe('counted services', () => {
  it.each([
    ['trigger points were injected in two muscles of the trapezius', '20552'],
    ['trigger point injections into five separate sites', '20553'],
    ['trigger point injections x3', '20553'],
    ['trigger point injection', '20552'],
  ])('%s → %s', (words, code) => {
    expect(coded('20552', words)).toBe(code);
  });

  it('destroys actinic keratoses by count and warts by count', () => {
    expect(coded('17000', 'liquid nitrogen to six actinic keratoses of the scalp')).toBe('17000');
    expect(coded('17000', 'cryotherapy to twenty actinic keratoses')).toBe('17004');
    expect(readFacets('destruction', 'cryotherapy to six lesions').count).toBe(6);
    expect(coded('17110', 'three warts treated with liquid nitrogen')).toBe('17110');
    expect(coded('17110', '15 warts of the hands treated')).toBe('17111');
  });
});

describe('spinal interspaces', () => {
  it.each([
    ['anterior cervical discectomy and fusion at c5-c6', 1],
    ['acdf c4-c5 and c5-c6', 2],
    ['discectomy c5-6, c6-7 and c7-t1', 3],
    ['anterior plating from c4 to c7', 3],
    ['posterior lumbar interbody fusion l4-5 and l5-s1', 2],
    ['posterior instrumented fusion t10 through l2', 4],
    ['two-level anterior cervical discectomy', 2],
    ['the same interspace named twice: c5-c6 discectomy, c5-c6 fusion', 1],
    ['t2-weighted images of the lumbar spine', undefined],
    ['anterior cervical discectomy', undefined],
  ])('%s → %s', (words, n) => {
    expect(interspaceCount(words)).toBe(n);
  });

  it('a counted spinal procedure brings its add-on for each interspace after the first', () => {
    const own = entries.find((e) => e.code === '22551');
    expect(own?.attributes.each).toBe('22552');
    expect(readFacets(own?.attributes.family ?? '', 'acdf c4-c5, c5-c6 and c6-c7').count).toBe(3);
    expect(entries.find((e) => e.code === '22552')?.attributes.unit).toBe('interspace');
  });
});

describe('incision and drainage by tissue', () => {
  it.each([
    ['incision and drainage of a 3 cm abscess of the left thigh', '10060'],
    ['incision and drainage of a furuncle on the back of the neck', '10060'],
    ['incision and drainage of an intraoral vestibular abscess', undefined],
    ['incision and drainage of a perirectal abscess under anesthesia', undefined],
    ['incision and drainage of the left olecranon bursa', undefined],
    ['incision and drainage of a deep neck space infection', undefined],
  ])('%s → %s', (words, code) => {
    expect(coded('10060', words)).toBe(code);
  });
});

describe('nail debridement by count', () => {
  it.each([
    ['debridement of 10 mycotic toenails', '11721'],
    ['toenails debrided x 3 on the left foot', '11720'],
    ['debridement of three dystrophic nails', '11720'],
    ['all toenails were debrided in length and thickness', '11721'],
    ['nails were debrided', '11720'],
  ])('%s → %s', (words, code) => {
    expect(coded('11720', words)).toBe(code);
  });
});

describe('tobacco cessation counselling by its own minutes', () => {
  it.each([
    ['counseled on smoking cessation for 5 minutes', '99406'],
    ['smoking cessation counseling, 3-5 minutes', '99406'],
    ['i spent twelve minutes on smoking cessation counseling', '99407'],
    ['greater than 10 minutes of smoking cessation counseling', '99407'],
    ['smoking cessation counseling for 2 minutes', undefined],
  ])('%s → %s', (words, code) => {
    expect(coded('99406', words)).toBe(code);
  });

  it('reads no minutes from the visit total time, nor where none are stated', () => {
    expect(readFacets('tobacco-counsel', 'smoking cessation counseling given').minutes).toBe(
      undefined,
    );
    expect(
      readFacets(
        'tobacco-counsel',
        'total time spent today, including counseling on smoking cessation: 40 minutes',
      ).minutes,
    ).toBe(undefined);
  });
});

describe('trigger point injections by the number of muscles', () => {
  it.each([
    ['trigger point injections into three trigger points of the trapezius', '20553'],
    ['trigger point injection of the left trapezius', '20552'],
    ['trigger points injected in the trapezius and rhomboids bilaterally', '20553'],
    ['trigger point injections into the right piriformis and right gluteus medius', '20552'],
    ['trigger point injections of the levator scapulae, supraspinatus and infraspinatus', '20553'],
  ])('%s → %s', (words, code) => {
    expect(coded('20552', words)).toBe(code);
  });

  it('counts a muscle named on both sides twice, and nothing where no muscle is named', () => {
    expect(muscleCount('the cervical and lumbar paraspinals, right and left')).toBe(4);
    expect(muscleCount('tender points over the upper back')).toBeUndefined();
  });
});
