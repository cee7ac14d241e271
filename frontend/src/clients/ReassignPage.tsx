// A team lead moves an absent coordinator's clients (one, some or all) to another
// coordinator. The service records each move as responsibility segments and in the log.
import { useState } from "react";
import { Link } from "react-router";
import { useConfirm } from "../common/Dialog";
import { ChoiceGroup, FormMessages, SubmitButton, text, UNCHANGED, useForm, type FieldErrors } from "../common/form";
import { useMessages } from "../common/i18n";
import { PageHeading } from "../common/PageHeading";
import { keys, useApiQuery, useHttp, useInvalidate } from "../common/query";
import { StaffPicker, useStaffNameOf } from "../common/staff";
import { clientsApi } from "./api";
import { clientCodes, clientsMessages, codeLabel } from "./messages";
import { listMessages } from "./listMessages";

const FIELDS = ["from_user", "scope", "enrolment_ids", "to_user"] as const;
type Field = (typeof FIELDS)[number];

export function validateReassign(data: FormData, l: (typeof listMessages)["fi"]): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  if (!text(data, "from_user")) errors.from_user = l.fromRequired;
  if (!text(data, "to_user")) errors.to_user = l.toRequired;
  else if (text(data, "to_user") === text(data, "from_user")) errors.to_user = l.samePerson;
  if (text(data, "scope") === "some" && data.getAll("enrolment_ids").length === 0) errors.enrolment_ids = l.chooseClients;
  return errors;
}

export function ReassignPage() {
  const l = useMessages(listMessages);
  const t = useMessages(clientsMessages);
  const codes = useMessages(clientCodes) as Record<string, string>;
  const http = useHttp();
  const invalidate = useInvalidate();
  const nameOf = useStaffNameOf();
  const { confirm, element } = useConfirm();
  const [from, setFrom] = useState("");
  const [scope, setScope] = useState<"all" | "some">("some");
  const clients = useApiQuery(
    keys.clientList({ coordinator: from, reassign: true }),
    (client) => clientsApi.list(client, { coordinator: from, limit: 200, sort: "name" }),
    { enabled: Boolean(from) },
  );
  const open = (clients.data?.items ?? []).filter((item) => item.enrolment_id && item.state !== "ended");
  const form = useForm<Field>({ fields: FIELDS });

  async function submit(data: FormData) {
    const fromUser = text(data, "from_user");
    const toUser = text(data, "to_user");
    const ids = scope === "all" ? null : data.getAll("enrolment_ids").map(String);
    const count = ids === null ? open.length : ids.length;
    if (!(await confirm({ title: l.confirmTitle, text: l.confirmText(count, nameOf(fromUser), nameOf(toUser)), confirmLabel: l.move, danger: false }))) return UNCHANGED;
    const result = await clientsApi.reassign(http, { from_user: fromUser, to_user: toUser, enrolment_ids: ids });
    await invalidate(keys.clients, keys.worklist, keys.caseload);
    return l.moved(result.moved.length, nameOf(toUser));
  }

  return (
    <div className="prose">
      <p>
        <Link to="/asiakkaat">{t.backToClients}</Link>
      </p>
      <PageHeading title={l.reassignTitle}>{l.reassignTitle}</PageHeading>
      <p className="lead">{l.reassignIntro}</p>
      <form className="form" noValidate onSubmit={form.handleSubmit(submit, (data) => validateReassign(data, l))}>
        {element}
        <FormMessages form={form} />
        <StaffPicker
          form={form}
          name="from_user"
          label={l.fromUser}
          roles={["work_ability_coordinator", "business_coordinator"]}
          required
          onChange={(member) => setFrom(member?.username ?? "")}
        />
        {from && (
          <fieldset className="field choice-group">
            <legend>{l.whichClients}</legend>
            <div className="choice">
              <input id="reassign-some" type="radio" name="scope" value="some" checked={scope === "some"} onChange={() => setScope("some")} />
              <label htmlFor="reassign-some">{l.scopeSome}</label>
            </div>
            <div className="choice">
              <input id="reassign-all" type="radio" name="scope" value="all" checked={scope === "all"} onChange={() => setScope("all")} />
              <label htmlFor="reassign-all">{l.scopeAll(open.length)}</label>
            </div>
          </fieldset>
        )}
        {from && scope === "some" && (
          clients.isPending ? (
            <p role="status">{l.loadingClients}</p>
          ) : open.length === 0 ? (
            <p className="data-empty">{l.noOpenClients}</p>
          ) : (
            <ChoiceGroup
              key={from}
              form={form}
              name="enrolment_ids"
              type="checkbox"
              legend={l.clientsOf(nameOf(from))}
              required
              options={open.map((item) => ({
                value: item.enrolment_id ?? "",
                label: `${item.last_name} ${item.first_name} (${codeLabel(codes, item.state)}, ${codeLabel(codes, item.service_line)})`,
              }))}
            />
          )
        )}
        <StaffPicker
          form={form}
          name="to_user"
          label={l.toUser}
          hint={l.toUserHint}
          roles={["work_ability_coordinator", "business_coordinator"]}
          exclude={from ? [from] : []}
          required
        />
        <SubmitButton submitting={form.submitting}>{l.move}</SubmitButton>
      </form>
    </div>
  );
}
