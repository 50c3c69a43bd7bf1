/** Word lists of the name rules (`name-finder.ts`). */

/**
 * First names that are also everyday English words: alone before a capitalised word they say little
 * ("Hope Valley", "Faith Based"), so the word after them must be a listed surname.
 */
export const WORD_LIKE_FIRST = new Set(
  `Hope Grace Faith Joy Dawn Rose Iris Mark Bill Pat Guy Art Rich Frank Sunny Summer Autumn Crystal
  Amber Ruby Pearl Ivy Holly Violet Lily Daisy Jade Angel Major King Sterling Royal Chase Hunter
  Carter Mason Tanner Cooper Parker Taylor Page Lane Dale Glen Wade Clay Grant Drew Gene Sandy Misty
  Stormy Brandy Candy Chance Merry Honey Precious Destiny Miracle Harmony Unique Lucky Star Sky River
  Rock Stone Forest Heath Cliff Ray Bob Penny Ginger Cherry Coral Dusty Rusty Buddy Sonny Junior Ace
  Van Don Ben Jack Ed Al Sharon Carol Lou Bud Early Ernest Young Miles Price Noble Love Hero Blue
  Gray Grey Black White Green Brown Bay Shade Storm Rain Winter Spring Bliss Rich Early Pink Fair
  Worth Baby Doll Lady Duke Prince Princess Queen Bishop Deacon Pastor General Judge Colonel Admiral`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** Labels after which a line holds a person's name (the line's start up to its colon). */
export const PERSON_LABEL =
  /^[ \t]*(?:patient(?:'s)?(?: full)? name|patient|pt(?: name)?|name|surgeons?|assistants?|assistant surgeon|co-surgeon|first assistant|anesthesiologist|anesthetist|attending(?: physician| surgeon)?|referring(?: physician| provider| doctor| md)?|referred by|primary care(?: physician| provider| doctor)?|pcp|primary physician|family (?:physician|doctor)|dictated by|dictating physician|transcribed by|transcriptionist|signed by|electronically signed by|authenticated by|provider|physician|doctor|resident|fellow|nurse|guardian|emergency contact|next of kin|parent|mother|father|spouse|husband|wife|consultant|consulting physician|ordering(?: physician| provider)?|interpreter|witness|radiologist|pathologist|cardiologist|oncologist|therapist|copy to)[ \t]*$/i;
