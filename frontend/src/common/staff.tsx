// People by name: the gateway's staff directory (GET /api/v1/staff) is fetched once and cached,
// and every picker and every place that names a person uses it. A username is what the API
// sends and stores; a person reads a display name.
import type { components } from "../api/gateway";
import type { Role } from "../auth/roles";
import { roleLabel } from "../auth/roles";
import { dataOf, type ServiceClients } from "./api";
import { SelectField, type FormController } from "./form";
import { defineMessages, useLanguage, useMessages } from "./i18n";
import { keys, useApiQuery } from "./query";
import { rememberStaffNames } from "./staffNames";

export type StaffMember = components["schemas"]["StaffMemberRead"];

export interface StaffDirectory {
  active: StaffMember[];
  byUsername: ReadonlyMap<string, StaffMember>;
}

const staffMessages = defineMessages({
  fi: {
    "self-registration": "Itseilmoittautuminen",
    client: "Asiakas",
    import: "Tuonti",
    system: "Järjestelmä",
    loading: "Haetaan henkilöitä…",
    loadFailed: "Henkilölistaa ei saatu haettua. Yritä uudelleen.",
    choose: "Valitse henkilö",
    inactive: "ei enää käytössä",
  },
  en: {
    "self-registration": "Self-registration",
    client: "Client",
    import: "Import",
    system: "System",
    loading: "Loading people…",
    loadFailed: "Could not load the list of people. Please try again.",
    choose: "Choose a person",
    inactive: "no longer active",
  },
});

type SystemActor = "self-registration" | "client" | "import" | "system";
const SYSTEM_ACTORS: readonly string[] = ["self-registration", "client", "import", "system"];

async function loadDirectory(http: ServiceClients): Promise<StaffDirectory> {
  // Active people for the pickers; those who left still have a name in the history.
  const [active, inactive] = await Promise.all([
    dataOf(http.gateway.GET("/api/v1/staff", { params: { query: { active: true } } })),
    dataOf(http.gateway.GET("/api/v1/staff", { params: { query: { active: false } } })),
  ]);
  const byUsername = new Map<string, StaffMember>();
  for (const member of [...inactive.items, ...active.items]) byUsername.set(member.username, member);
  rememberStaffNames(byUsername.values());
  return { active: active.items, byUsername };
}

export function useStaffDirectory() {
  return useApiQuery(keys.staff(null), loadDirectory, { staleTime: 5 * 60_000 });
}

/** A person's display name for a username; the words for the system's own actors. */
export function useStaffNameOf(): (username: string | null | undefined) => string {
  const directory = useStaffDirectory();
  const t = useMessages(staffMessages);
  return (username) => {
    if (!username) return "–";
    if (SYSTEM_ACTORS.includes(username)) return t[username as SystemActor];
    // A username is no name for a person to read: while the directory is on its way the
    // place waits; only a directory that cannot answer, or a person it does not know, leaves
    // the username as all there is.
    if (directory.isPending) return "…";
    return directory.data?.byUsername.get(username)?.display_name ?? username;
  };
}

/** A person named by display name, wherever a username would otherwise show. */
export function StaffName({ username }: { username: string | null | undefined }) {
  const nameOf = useStaffNameOf();
  return <>{nameOf(username)}</>;
}

/** Several people, comma-separated, by name. */
export function StaffNames({ usernames }: { usernames: readonly string[] }) {
  const nameOf = useStaffNameOf();
  return <>{usernames.length === 0 ? "–" : usernames.map((username) => nameOf(username)).join(", ")}</>;
}

/** Active staff holding any of `roles`, sorted by display name (the server's order). */
export function staffWithRoles(directory: StaffDirectory | undefined, roles: readonly Role[]): StaffMember[] {
  return (directory?.active ?? []).filter((member) => member.roles.some((role) => (roles as readonly string[]).includes(role)));
}

/**
 * A labelled native select of people by display name that sends the username. A native
 * select is the most robust accessible picker: every screen reader and keyboard knows it,
 * and a directory of ~50 staff fits in it. With several roles each role is its own group.
 */
export function StaffPicker<F extends string>({
  form,
  name,
  label,
  hint,
  roles,
  required,
  exclude = [],
  defaultValue,
  onChange,
}: {
  form: FormController<F>;
  name: F;
  label: string;
  hint?: string;
  roles: readonly Role[];
  required?: boolean;
  exclude?: readonly string[];
  defaultValue?: string;
  onChange?: (member: StaffMember | null) => void;
}) {
  const t = useMessages(staffMessages);
  const { language } = useLanguage();
  const directory = useStaffDirectory();
  const people = staffWithRoles(directory.data, roles).filter((member) => !exclude.includes(member.username));
  const grouped = roles.length > 1;
  const options = people.map((member) => ({
    value: member.username,
    label: grouped
      ? `${member.display_name} (${member.roles
          .filter((role) => (roles as readonly string[]).includes(role))
          .map((role) => roleLabel(role, language).toLowerCase())
          .join(", ")})`
      : member.display_name,
  }));
  const status = directory.isPending ? t.loading : directory.isError ? t.loadFailed : undefined;
  return (
    <SelectField
      // The default applies once the people have arrived.
      key={directory.isSuccess ? "ready" : "waiting"}
      form={form}
      name={name}
      label={label}
      hint={status ?? hint}
      required={required}
      placeholder={t.choose}
      defaultValue={defaultValue}
      options={options}
      onChange={(event) => onChange?.(people.find((member) => member.username === event.target.value) ?? null)}
    />
  );
}
