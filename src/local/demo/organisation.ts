import type { Role } from '../../domain/roles';
import { PLAYGROUND_DEFAULTS } from '../playground-defaults';
import { SeededRandom } from './random';

/** A simulated team: its size and how its people tend to see things. */
export interface DemoTeam {
  id: string;
  name: string;
  people: number;
  /** Added to the ratings of a section (by section id of the default content pack; other packs get none). */
  tilt: Readonly<Record<string, number>>;
  /** Business goals (pack values) this team's success metrics lean towards. */
  goals: readonly string[];
}

/** One simulated person. */
export interface DemoPerson {
  /** A made-up Entra object id (a valid GUID, so an admin could grant it a role in chat). */
  userId: string;
  team: DemoTeam;
  role: Role;
  /** Added to every rating: some people are keener than others. */
  outlook: number;
  /** How far along their path they got, 0–1 (1: every question of it). */
  progress: number;
  /** Chose the path of every question ("start full"); leaders walk it anyway. */
  choseEverything: boolean;
  /** When they answered, in days before the seed ran (at least half a day). */
  daysAgo: number;
}

/** The Playground's own team comes first, so "@Test Bot team summary" in its General channel shows a card. */
export const DEMO_TEAMS: readonly DemoTeam[] = [
  {
    id: PLAYGROUND_DEFAULTS.team.id,
    name: PLAYGROUND_DEFAULTS.team.name,
    people: 45,
    tilt: { 'leadership-buy-in': 0.4, ambition: 0.3 },
    goals: ['employee-productivity', 'operational-efficiency'],
  },
  {
    id: '19:demo-sales@thread.tacv2',
    name: 'Sales',
    people: 70,
    tilt: { 'business-impact': 0.6, 'use-cases': 0.5, 'decision-readiness': -0.6 },
    goals: ['revenue', 'customer-satisfaction'],
  },
  {
    id: '19:demo-operations@thread.tacv2',
    name: 'Operations',
    people: 60,
    tilt: { 'success-metrics': 0.6, 'leadership-buy-in': -0.5, 'benefits-awareness': -0.3 },
    goals: ['operational-efficiency', 'cost'],
  },
  {
    id: '19:demo-engineering@thread.tacv2',
    name: 'Engineering',
    people: 55,
    tilt: { 'decision-readiness': 0.8, 'benefits-awareness': 0.5, 'business-impact': -0.3 },
    goals: ['product-quality', 'employee-productivity'],
  },
  {
    id: '19:demo-customer-care@thread.tacv2',
    name: 'Customer Care',
    people: 50,
    tilt: { 'benefits-awareness': -0.7, 'use-cases': 0.3, 'success-metrics': -0.4 },
    goals: ['customer-satisfaction', 'cost'],
  },
];

/** Where the whole organisation stands, by section: a few stages apart, so the readiness chart has a shape. */
export const ORGANISATION_TILT: Readonly<Record<string, number>> = {
  'leadership-buy-in': 0.3,
  ambition: 0.6,
  'use-cases': 0.2,
  'benefits-awareness': -0.4,
  'success-metrics': -0.7,
  'decision-readiness': -0.3,
};

/** Leaders rate their own buy-in higher than everyone else does: the summary's gaps show it. */
export const LEADER_TILT: Readonly<Record<string, number>> = { 'leadership-buy-in': 1.1, 'business-impact': 0.4 };

const LEADER_SHARE = 0.08;
/** Employees who choose to answer every question rather than their shorter path. */
const CHOOSE_EVERYTHING_SHARE = 0.3;
const DAYS = 28;

/** The simulated people of every team, the same for the same seed, oldest answers first. */
export function demoPeople(seed: number, teams: readonly DemoTeam[] = DEMO_TEAMS): DemoPerson[] {
  const random = new SeededRandom(seed);
  const people: DemoPerson[] = [];
  for (const team of teams)
    for (let i = 0; i < team.people; i++) {
      const n = people.length + 1;
      const finished = random.chance(0.65);
      people.push({
        userId: `d3300000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
        team,
        role: random.chance(LEADER_SHARE) ? 'leader' : 'employee',
        outlook: random.normal() * 0.5,
        progress: finished ? 1 : random.chance(0.7) ? 0.2 + random.next() * 0.75 : 0.05 + random.next() * 0.1,
        daysAgo: 0.5 + random.next() * (DAYS - 0.5),
        choseEverything: random.chance(CHOOSE_EVERYTHING_SHARE),
      });
    }
  return people.sort((a, b) => b.daysAgo - a.daysAgo);
}
