import type { Source } from '../schema.js';

/** Published manuals and papers the knowledge base cites. */
export const SRC = {
  seed: {
    title: 'Therapeutic Interventions: A Clinician’s Evidence-Based Guide',
    citation: 'DocScrib (2025), updated 26 July 2025',
  },
  beck: {
    title: 'Cognitive Behavior Therapy: Basics and Beyond',
    citation: 'Beck, J. S. (2021), 3rd ed., Guilford Press',
  },
  martell: {
    title: 'Behavioral Activation for Depression: A Clinician’s Guide',
    citation: 'Martell, C. R., Dimidjian, S., & Herman-Dunn, R. (2010/2022), Guilford Press',
  },
  nezu: {
    title: 'Problem-Solving Therapy: A Treatment Manual',
    citation: 'Nezu, A. M., Nezu, C. M., & D’Zurilla, T. J. (2013), Springer',
  },
  bennettLevy: {
    title: 'Oxford Guide to Behavioural Experiments in Cognitive Therapy',
    citation: 'Bennett-Levy, J., et al. (2004), Oxford University Press',
  },
  mbct: {
    title: 'Mindfulness-Based Cognitive Therapy for Depression',
    citation: 'Segal, Z. V., Williams, J. M. G., & Teasdale, J. D. (2013), 2nd ed., Guilford Press',
  },
  act: {
    title: 'Acceptance and Commitment Therapy: The Process and Practice of Mindful Change',
    citation: 'Hayes, S. C., Strosahl, K. D., & Wilson, K. G. (2012), 2nd ed., Guilford Press',
  },
  actHarris: {
    title: 'ACT Made Simple',
    citation: 'Harris, R. (2019), 2nd ed., New Harbinger',
  },
  dbt: {
    title: 'DBT Skills Training Manual',
    citation: 'Linehan, M. M. (2015), 2nd ed., Guilford Press',
  },
  craske: {
    title: 'Mastery of Your Anxiety and Panic: Therapist Guide',
    citation: 'Craske, M. G., & Barlow, D. H. (2006/2022), Oxford University Press',
  },
  abramowitz: {
    title: 'Exposure Therapy for Anxiety: Principles and Practice',
    citation:
      'Abramowitz, J. S., Deacon, B. J., & Whiteside, S. P. H. (2019), 2nd ed., Guilford Press',
  },
  inhibitory: {
    title: 'Maximizing exposure therapy: An inhibitory learning approach',
    citation:
      'Craske, M. G., Treanor, M., Conway, C. C., Zbozinek, T., & Vervliet, B. (2014), Behaviour Research and Therapy 58, 10–23',
  },
  pe: {
    title: 'Prolonged Exposure Therapy for PTSD: Therapist Guide',
    citation:
      'Foa, E. B., Hembree, E. A., Rothbaum, B. O., & Rauch, S. A. M. (2019), 2nd ed., Oxford University Press',
  },
  tfcbt: {
    title: 'Treating Trauma and Traumatic Grief in Children and Adolescents',
    citation: 'Cohen, J. A., Mannarino, A. P., & Deblinger, E. (2017), 2nd ed., Guilford Press',
  },
  cpt: {
    title: 'Cognitive Processing Therapy for PTSD: A Comprehensive Manual',
    citation: 'Resick, P. A., Monson, C. M., & Chard, K. M. (2017), Guilford Press',
  },
  emdr: {
    title: 'Eye Movement Desensitization and Reprocessing (EMDR) Therapy',
    citation: 'Shapiro, F. (2018), 3rd ed., Guilford Press',
  },
  ipt: {
    title: 'The Guide to Interpersonal Psychotherapy',
    citation:
      'Weissman, M. M., Markowitz, J. C., & Klerman, G. L. (2018), updated ed., Oxford University Press',
  },
  psychodynamic: {
    title: 'Psychodynamic Psychotherapy: A Clinical Manual',
    citation:
      'Cabaniss, D. L., Cherry, S., Douglas, C. J., & Schwartz, A. R. (2016), 2nd ed., Wiley',
  },
  shedler: {
    title: 'The efficacy of psychodynamic psychotherapy',
    citation: 'Shedler, J. (2010), American Psychologist 65(2), 98–109',
  },
  rogers: {
    title: 'Client-Centered Therapy',
    citation: 'Rogers, C. R. (1951), Houghton Mifflin',
  },
  eft: {
    title: 'Learning Emotion-Focused Therapy',
    citation: 'Elliott, R., Watson, J. C., Goldman, R. N., & Greenberg, L. S. (2004), APA',
  },
  mi: {
    title: 'Motivational Interviewing: Helping People Change',
    citation: 'Miller, W. R., & Rollnick, S. (2013), 3rd ed., Guilford Press',
  },
  miti: {
    title: 'Motivational Interviewing Treatment Integrity Coding Manual 4.2.1',
    citation: 'Moyers, T. B., Manuel, J. K., & Ernst, D. (2014), University of New Mexico CASAA',
  },
  art: {
    title: 'Handbook of Art Therapy',
    citation: 'Malchiodi, C. A. (Ed.) (2012), 2nd ed., Guilford Press',
  },
  music: {
    title: 'Defining Music Therapy',
    citation: 'Bruscia, K. E. (2014), 3rd ed., Barcelona Publishers',
  },
  drama: {
    title: 'Acting for Real: Drama Therapy Process, Technique, and Performance',
    citation: 'Emunah, R. (2019), 2nd ed., Routledge',
  },
  movement: {
    title: 'Dance/Movement Therapy: A Healing Art',
    citation: 'Levy, F. J. (2005), rev. ed., National Dance Association',
  },
  stanley: {
    title: 'Safety Planning Intervention: A brief intervention to mitigate suicide risk',
    citation:
      'Stanley, B., & Brown, G. K. (2012), Cognitive and Behavioral Practice 19(2), 256–264',
  },
  cssrs: {
    title: 'The Columbia–Suicide Severity Rating Scale',
    citation: 'Posner, K., et al. (2011), American Journal of Psychiatry 168(12), 1266–1277',
  },
  jobes: {
    title: 'Managing Suicidal Risk: A Collaborative Approach',
    citation: 'Jobes, D. A. (2016), 2nd ed., Guilford Press',
  },
  psychoed: {
    title: 'Psychoeducation in mental health',
    citation:
      'Lukens, E. P., & McFarlane, W. R. (2004), Brief Treatment and Crisis Intervention 4(3), 205–225',
  },
  breathing: {
    title:
      'How breath-control can change your life: a systematic review on psycho-physiological correlates of slow breathing',
    citation: 'Zaccaro, A., et al. (2018), Frontiers in Human Neuroscience 12, 353',
  },
  relaxation: {
    title: 'Progressive Relaxation Training: A Manual for the Helping Professions',
    citation: 'Bernstein, D. A., & Borkovec, T. D. (1973), Research Press',
  },
  najavits: {
    title: 'Seeking Safety: A Treatment Manual for PTSD and Substance Abuse',
    citation: 'Najavits, L. M. (2002), Guilford Press',
  },
  gottman: {
    title: 'The Science of Couples and Family Therapy',
    citation: 'Gottman, J. M., & Gottman, J. S. (2018), W. W. Norton',
  },
  eftCouples: {
    title: 'The Practice of Emotionally Focused Couple Therapy',
    citation: 'Johnson, S. M. (2019), 3rd ed., Routledge',
  },
  minuchin: {
    title: 'Family Therapy Techniques',
    citation: 'Minuchin, S., & Fishman, H. C. (1981), Harvard University Press',
  },
  vr: {
    title:
      'Virtual reality exposure therapy for anxiety and related disorders: a meta-analysis of randomized controlled trials',
    citation: 'Carl, E., et al. (2019), Journal of Anxiety Disorders 61, 27–36',
  },
  biofeedback: {
    title: 'Heart rate variability biofeedback: how and why does it work?',
    citation: 'Lehrer, P. M., & Gevirtz, R. (2014), Frontiers in Psychology 5, 756',
  },
  kazantzis: {
    title: 'Using Homework Assignments in Cognitive Behavior Therapy',
    citation: 'Kazantzis, N., Deane, F. P., Ronan, K. R., & L’Abate, L. (2005), Routledge',
  },
  shapiroGrounding: {
    title:
      'Grounding techniques in trauma-informed care (Seeking Safety: "Detaching from emotional pain")',
    citation: 'Najavits, L. M. (2002), Seeking Safety, Guilford Press, ch. 10',
  },
} satisfies Record<string, Source>;
