// One's own new password on the Minä page. The rule is the admin form's (12–200 characters,
// gateway/identity/schemas.py NewPassword); the server checks it again and the current password.
import { useApi } from "../common/ApiContext";
import { CheckedForm, TextField, useForm, type FieldErrors } from "../common/form";
import { dataOf } from "../common/api";
import { useMessages } from "../common/i18n";
import { authMessages } from "./messages";

const PASSWORD_FIELDS = ["current_password", "new_password", "new_password_again"] as const;
type PasswordField = (typeof PASSWORD_FIELDS)[number];
type Messages = (typeof authMessages)["fi"];

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export function validatePasswordChange(data: FormData, t: Messages): FieldErrors<PasswordField> {
  // Passwords are taken as typed: a space at either end is part of the password.
  const current = String(data.get("current_password") ?? "");
  const next = String(data.get("new_password") ?? "");
  const again = String(data.get("new_password_again") ?? "");
  const errors: FieldErrors<PasswordField> = {};
  if (current === "") errors.current_password = t.currentPasswordRequired;
  if (next === "") errors.new_password = t.newPasswordRequired;
  else if (next.length < PASSWORD_MIN_LENGTH) errors.new_password = t.newPasswordTooShort(next.length);
  else if (next.length > PASSWORD_MAX_LENGTH) errors.new_password = t.newPasswordTooLong;
  else if (next === current) errors.new_password = t.newPasswordUnchanged;
  if (!errors.new_password && again !== next) errors.new_password_again = t.newPasswordMismatch;
  return errors;
}

export function PasswordForm() {
  const t = useMessages(authMessages);
  const { http } = useApi();
  const form = useForm<PasswordField>({ fields: PASSWORD_FIELDS });
  return (
    <section aria-labelledby="password-change-title">
      <h2 id="password-change-title">{t.passwordChangeTitle}</h2>
      <p>{t.passwordChangeIntro}</p>
      <CheckedForm
        form={form}
        validate={(data) => validatePasswordChange(data, t)}
        run={async (data) => {
          await dataOf(
            http.gateway.POST("/api/v1/me/password", {
              body: {
                current_password: String(data.get("current_password") ?? ""),
                new_password: String(data.get("new_password") ?? ""),
              },
            }),
          );
          return t.passwordChanged;
        }}
        submitLabel={t.changePassword}
      >
        <TextField form={form} name="current_password" label={t.currentPassword} type="password" autoComplete="current-password" required />
        <TextField
          form={form}
          name="new_password"
          label={t.newPassword}
          hint={t.newPasswordHint}
          type="password"
          autoComplete="new-password"
          required
        />
        <TextField form={form} name="new_password_again" label={t.newPasswordAgain} type="password" autoComplete="new-password" required />
      </CheckedForm>
    </section>
  );
}
