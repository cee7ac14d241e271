// The names the staff directory last answered, for sentences built outside React: an error
// sentence with `{username}` names the person, not the username, once the directory has been
// read (every signed-in page reads it through useStaffDirectory).
const displayNames = new Map<string, string>();

export function rememberStaffNames(members: Iterable<{ username: string; display_name: string }>): void {
  for (const member of members) displayNames.set(member.username, member.display_name);
}

/** The display name of a username the directory has named, or undefined. */
export function knownStaffName(username: string): string | undefined {
  return displayNames.get(username);
}
