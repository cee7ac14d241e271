// One's own notification settings: per kind off / in the app / app and e-mail, e-mail at once
// or in the daily digest, and the digest's Helsinki hour (PUT /api/v1/notifications/preferences);
// below them the private calendar feed.
import { useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { DataState } from "../common/DataState";
import { ChoiceGroup, CheckedForm, SelectField, text, useForm } from "../common/form";
import { useMessages } from "../common/i18n";
import { ME_PATH, NOTIFICATIONS_PATH } from "../common/navigation";
import { PageHeading } from "../common/PageHeading";
import { useApiQuery, useHttp } from "../common/query";
import {
  DELIVERY_MODES,
  EMAIL_MODES,
  NOTIFICATION_KINDS,
  notificationKeys,
  notificationsApi,
  type DeliveryMode,
  type EmailMode,
  type NotificationKind,
  type Preferences,
} from "./api";
import { CalendarFeedSection } from "./CalendarFeedSection";
import { deliveryLabels, emailModeLabels, kindLabels, notificationsMessages } from "./notificationsMessages";

type KindField = `kinds_${NotificationKind}`;
type PreferenceField = KindField | "email_mode" | "digest_hour";

const KIND_FIELDS = NOTIFICATION_KINDS.map((kind) => `kinds_${kind}` as KindField);
const PREFERENCE_FIELDS: readonly PreferenceField[] = [...KIND_FIELDS, "email_mode", "digest_hour"];
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

export function PreferencesPage() {
  const t = useMessages(notificationsMessages);
  const query = useApiQuery(notificationKeys.preferences, notificationsApi.preferences, { staleTime: 0 });
  return (
    <>
      <PageHeading title={t.preferencesTitle}>{t.preferencesTitle}</PageHeading>
      <p className="lead">{t.preferencesIntro}</p>
      <p>
        <Link to={NOTIFICATIONS_PATH}>{t.backToList}</Link>
      </p>
      <DataState query={query}>{(preferences) => <PreferencesForm preferences={preferences} />}</DataState>
      <CalendarFeedSection />
    </>
  );
}

function isDelivery(value: string): value is DeliveryMode {
  return (DELIVERY_MODES as readonly string[]).includes(value);
}

function isEmailMode(value: string): value is EmailMode {
  return (EMAIL_MODES as readonly string[]).includes(value);
}

export function PreferencesForm({ preferences }: { preferences: Preferences }) {
  const t = useMessages(notificationsMessages);
  const kinds = useMessages(kindLabels);
  const delivery = useMessages(deliveryLabels);
  const emailModes = useMessages(emailModeLabels);
  const http = useHttp();
  const queryClient = useQueryClient();
  const form = useForm<PreferenceField>({ fields: PREFERENCE_FIELDS, resetOnSuccess: false });
  const deliveryOptions = DELIVERY_MODES.map((mode) => ({ value: mode, label: delivery[mode] }));

  return (
    <CheckedForm
      form={form}
      run={async (data) => {
        const chosen: Record<string, DeliveryMode> = {};
        for (const kind of NOTIFICATION_KINDS) {
          const value = text(data, `kinds_${kind}`);
          if (isDelivery(value)) chosen[kind] = value;
        }
        const mode = text(data, "email_mode");
        const hour = Number(text(data, "digest_hour"));
        const saved = await notificationsApi.updatePreferences(http, {
          kinds: chosen,
          ...(isEmailMode(mode) ? { email_mode: mode } : {}),
          ...(Number.isInteger(hour) && text(data, "digest_hour") !== "" ? { digest_hour: hour } : {}),
        });
        queryClient.setQueryData(notificationKeys.preferences, saved);
        // A kind turned off leaves the list and the count.
        await queryClient.invalidateQueries({ queryKey: notificationKeys.all, predicate: (q) => q.queryKey[1] !== "preferences" });
        return t.preferencesSaved;
      }}
      submitLabel={t.savePreferences}
    >
      <fieldset className="field">
        <legend>{t.kindsLegend}</legend>
        {NOTIFICATION_KINDS.map((kind) => (
          <SelectField
            key={kind}
            form={form}
            name={`kinds_${kind}`}
            label={kinds[kind]}
            defaultValue={preferences.kinds[kind] ?? "app_email"}
            options={deliveryOptions}
          />
        ))}
      </fieldset>
      <fieldset className="field">
        <legend>{t.emailLegend}</legend>
        <p>
          {preferences.email ? (
            t.emailAddress(preferences.email)
          ) : (
            <>
              {t.noEmailAddress} <Link to={ME_PATH}>{t.mePageLink}</Link>
            </>
          )}
        </p>
        <ChoiceGroup
          form={form}
          name="email_mode"
          type="radio"
          legend={t.emailMode}
          hint={t.emailModeHint}
          defaultValue={preferences.email_mode}
          options={EMAIL_MODES.map((mode) => ({ value: mode, label: emailModes[mode] }))}
        />
        <SelectField
          form={form}
          name="digest_hour"
          label={t.digestHour}
          hint={t.digestHourHint}
          defaultValue={String(preferences.digest_hour)}
          options={HOURS.map((hour) => ({ value: String(hour), label: t.hourOption(hour) }))}
        />
      </fieldset>
    </CheckedForm>
  );
}
