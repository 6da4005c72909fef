// The record contract's closed lists (SCHEMA.md): what a figure can count and what an event can
// be. The Type filter offers both; the timeline picks a metric.

export const METRICS = [
  "killed", "injured", "missing", "detained", "hostages_held", "hostages_released",
  "prisoners_released", "displaced", "aid_trucks", "strikes", "violations",
  "munitions_tonnes", "weapons_transfers", "money_usd", "fighters", "share_percent",
  "facilities", "other",
];

export const EVENT_TYPES = [
  "airstrike", "shelling", "shooting", "armed_clash", "raid", "demolition", "arrest",
  "rocket_fire", "killing", "hostage_release", "prisoner_release", "aid_delivery",
  "ceasefire_start", "ceasefire_end", "ceasefire_violation", "arms_transfer",
  "troop_movement", "protest", "negotiation",
];

/** "hostages_held" as a reader writes it: "hostages held". */
export function spoken(name) {
  return name.replaceAll("_", " ");
}
