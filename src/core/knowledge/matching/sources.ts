import type { Source } from '../schema.js';

/**
 * Published guidelines, manuals and meta-analyses that the matching data (preferences, cultural
 * considerations, contraindications, blends) cites, in addition to the knowledge base's own
 * `SRC` (../data/sources.ts). Each entry was checked against the publication's title page or
 * abstract; nothing here is paraphrased into a claim it does not make.
 */
export const MSRC = {
  apaMulticultural: {
    title:
      'Multicultural Guidelines: An Ecological Approach to Context, Identity, and Intersectionality',
    citation:
      'American Psychological Association (2017); executive summary: Clauss-Ehlers, C. S., Chiriboga, D. A., Hunter, S. J., Roysircar, G., & Tummala-Narra, P. (2019), American Psychologist 74(2), 232–244',
    url: 'https://www.apa.org/about/policy/multicultural-guidelines.pdf',
  },
  hall2016: {
    title: 'A meta-analysis of cultural adaptations of psychological interventions',
    citation:
      'Hall, G. C. N., Ibaraki, A. Y., Huang, E. R., Marti, C. N., & Stice, E. (2016), Behavior Therapy 47(6), 993–1014',
  },
  grinerSmith: {
    title: 'Culturally adapted mental health interventions: A meta-analytic review',
    citation:
      'Griner, D., & Smith, T. B. (2006), Psychotherapy: Theory, Research, Practice, Training 43(4), 531–548',
  },
  captari2018: {
    title:
      'Integrating clients’ religion and spirituality within psychotherapy: A comprehensive meta-analysis',
    citation:
      'Captari, L. E., Hook, J. N., Hoyt, W., Davis, D. E., McElroy-Heltzel, S. E., & Worthington, E. L. (2018), Journal of Clinical Psychology 74(11), 1938–1951',
  },
  bpsInterpreters: {
    title: 'Working with interpreters: Guidelines for psychologists',
    citation: 'Tribe, R., & Thompson, K. (2017), British Psychological Society',
  },
  corrigan2004: {
    title: 'How stigma interferes with mental health care',
    citation: 'Corrigan, P. (2004), American Psychologist 59(7), 614–625',
  },
  gone2013: {
    title:
      'Redressing First Nations historical trauma: Theorizing mechanisms for indigenous culture as mental health treatment',
    citation: 'Gone, J. P. (2013), Transcultural Psychiatry 50(5), 683–706',
  },
  apaTgnc: {
    title: 'Guidelines for Psychological Practice With Transgender and Gender Nonconforming People',
    citation: 'American Psychological Association (2015), American Psychologist 70(9), 832–864',
  },
  apaSexualMinority: {
    title: 'Guidelines for Psychological Practice With Sexual Minority Persons',
    citation: 'American Psychological Association (2021)',
  },
  swift2018: {
    title: 'The impact of accommodating client preference in psychotherapy: A meta-analysis',
    citation:
      'Swift, J. K., Callahan, J. L., Cooper, M., & Parkin, S. R. (2018), Journal of Clinical Psychology 74(11), 1924–1937',
  },
  cloitre2011: {
    title:
      'Treatment of complex PTSD: Results of the ISTSS expert clinician survey on best practices',
    citation:
      'Cloitre, M., Courtois, C. A., Charuvastra, A., Carapezza, R., Stolbach, B. C., & Green, B. L. (2011), Journal of Traumatic Stress 24(6), 615–627',
  },
  istssComplex2012: {
    title: 'The ISTSS Expert Consensus Treatment Guidelines for Complex PTSD in Adults',
    citation:
      'Cloitre, M., Courtois, C. A., Ford, J. D., Green, B. L., et al. (2012), International Society for Traumatic Stress Studies',
  },
  harned2014: {
    title:
      'A pilot randomized controlled trial of Dialectical Behavior Therapy with and without the DBT Prolonged Exposure protocol for suicidal and self-injuring women with borderline personality disorder and PTSD',
    citation:
      'Harned, M. S., Korslund, K. E., & Linehan, M. M. (2014), Behaviour Research and Therapy 55, 7–17',
  },
  harned2010: {
    title:
      'Dialectical behavior therapy as a precursor to PTSD treatment for suicidal and/or self-injuring women with borderline personality disorder',
    citation:
      'Harned, M. S., Jackson, S. C., Comtois, K. A., & Linehan, M. M. (2010), Journal of Traumatic Stress 23(4), 421–429',
  },

  vandenBerg2015: {
    title:
      'Prolonged exposure vs eye movement desensitization and reprocessing vs waiting list for posttraumatic stress disorder in patients with a psychotic disorder: a randomized clinical trial',
    citation: 'van den Berg, D. P. G., et al. (2015), JAMA Psychiatry 72(3), 259–267',
  },
  cohenOngoing2011: {
    title: 'Trauma-focused CBT for youth who experience ongoing traumas',
    citation:
      'Cohen, J. A., Mannarino, A. P., & Murray, L. K. (2011), Child Abuse & Neglect 35(8), 637–646',
  },
  cope: {
    title:
      'Concurrent Treatment of PTSD and Substance Use Disorders Using Prolonged Exposure (COPE): Therapist Guide',
    citation: 'Back, S. E., Foa, E. B., Killeen, T. K., et al. (2014), Oxford University Press',
  },
  alexopoulos2011: {
    title:
      'Problem-solving therapy and supportive therapy in older adults with major depression and executive dysfunction',
    citation: 'Alexopoulos, G. S., et al. (2011), American Journal of Psychiatry 168(8), 801–810',
  },
  acpInsomnia2016: {
    title:
      'Management of chronic insomnia disorder in adults: A clinical practice guideline from the American College of Physicians',
    citation: 'Qaseem, A., et al. (2016), Annals of Internal Medicine 165(2), 125–133',
  },
} satisfies Record<string, Source>;
