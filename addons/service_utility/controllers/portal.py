# covers: UTL-02, UTL-03
import base64
import csv
import io

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers import portal

MAX_PHOTO = 8 * 1024 * 1024


class ServiceUtilityPortal(portal.CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "service_supply_point_count" in counters:
            Point = request.env["service.supply.point"]
            values["service_supply_point_count"] = (
                Point.search_count([]) if Point.has_access("read") else 0
            )
        return values

    def _service_point_or_404(self, point_id):
        """The customer's own point (portal rules), never one of others."""
        try:
            return self._document_check_access("service.supply.point", point_id)
        except (AccessError, MissingError):
            raise request.not_found() from None

    @http.route(["/my/supply-points"], type="http", auth="user", website=True)
    def portal_my_supply_points(self, **kw):
        points = request.env["service.supply.point"].search([])
        values = self._prepare_portal_layout_values()
        values.update(
            {"points": points, "page_name": "service_supply_point", "point": False}
        )
        return request.render("service_utility.portal_my_supply_points", values)

    @http.route(
        ["/my/supply-points/<int:point_id>"], type="http", auth="user", website=True
    )
    def portal_my_supply_point(self, point_id, **kw):
        point_sudo = self._service_point_or_404(point_id)
        return request.render(
            "service_utility.portal_my_supply_point",
            self._service_point_values(point_sudo, message=kw.get("message")),
        )

    def _service_point_values(self, point_sudo, error=False, message=False, post=None):
        values = self._prepare_portal_layout_values()
        readings = point_sudo.reading_ids.filtered(lambda r: r.state != "rejected")[:24]
        meter = point_sudo._meter_on(fields.Date.context_today(point_sudo))
        values.update(
            {
                "page_name": "service_supply_point",
                "point": point_sudo,
                "readings": readings,
                "history": point_sudo._consumption_history(),
                "registers": meter.register_ids,
                "error": error,
                "message": message,
                "post": post or {},
                "today": fields.Date.context_today(point_sudo),
            }
        )
        return values

    @http.route(
        ["/my/supply-points/<int:point_id>/reading"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_self_reading(self, point_id, **post):
        """Self-reading with a photo: the customer's own point only; the
        reading goes through the same plausibility rules as any other."""
        point_sudo = self._service_point_or_404(point_id)
        env = request.env
        try:
            with env.cr.savepoint():
                reading = self._create_self_reading(point_sudo, post)
        except (UserError, ValidationError, ValueError) as error:
            values = self._service_point_values(
                point_sudo,
                error=env._(
                    "Your reading was not recorded: %(reason)s",
                    reason=error.args[0] if error.args else str(error),
                ),
                post=post,
            )
            return request.render("service_utility.portal_my_supply_point", values)
        message = "review" if reading.state == "to_review" else "thanks"
        return request.redirect(f"{point_sudo.access_url}?message={message}")

    def _create_self_reading(self, point_sudo, post):
        env = request.env
        try:
            value = float((post.get("value") or "").replace(",", "."))
        except ValueError:
            raise UserError(
                env._("Reading: enter the number shown by the meter, e.g. 12345.")
            ) from None
        try:
            day = fields.Date.to_date(post.get("date")) or fields.Date.context_today(
                point_sudo
            )
        except ValueError:
            raise UserError(env._("Date: enter the day you read the meter.")) from None
        meter = point_sudo._meter_on(day)
        if not meter:
            raise UserError(
                env._("Meter: no meter is installed at this point on that day.")
            )
        register = meter.register_ids[:1]
        if post.get("register_id"):
            register = meter.register_ids.filtered(
                lambda r: str(r.id) == post["register_id"]
            )
            if not register:
                raise UserError(
                    env._("Register: choose one of your meter's registers.")
                )
        photo = request.httprequest.files.get("photo")
        photo_data = False
        if photo and photo.filename:
            content = photo.read(MAX_PHOTO + 1)
            if len(content) > MAX_PHOTO:
                raise UserError(env._("Photo: the file is larger than 8 MB."))
            photo_data = base64.b64encode(content)
        # the point is the customer's own (checked above): the reading is his
        return (
            env["service.meter.reading"]
            .sudo()
            .with_company(point_sudo.company_id)
            .create(
                {
                    "point_id": point_sudo.id,
                    "meter_id": meter.id,
                    "register_id": register.id,
                    "date": day,
                    "value": value,
                    "source": "customer",
                    "photo": photo_data,
                }
            )
        )

    @http.route(["/my/supply-points/<int:point_id>/export"], type="http", auth="user")
    def portal_export_consumption(self, point_id, **kw):
        """The customer's readings and consumption per period, as CSV."""
        point_sudo = self._service_point_or_404(point_id)
        output = io.StringIO()
        writer = csv.writer(output)
        env = request.env
        writer.writerow(
            [
                env._("Period start"),
                env._("Period end"),
                env._("Register"),
                env._("Consumption"),
                env._("Correction"),
                env._("Billed quantity"),
                env._("Estimated"),
            ]
        )
        for row in point_sudo.consumption_ids.filtered(
            lambda c: c.state == "ready"
        ).sorted("period_start"):
            writer.writerow(
                [
                    row.period_start,
                    row.period_end,
                    row.register_code,
                    f"{row.consumption:.3f}",
                    f"{row.correction:.3f}",
                    f"{row.quantity:.3f}",
                    "1" if row.estimated else "0",
                ]
            )
        writer.writerow([])
        writer.writerow(
            [env._("Date"), env._("Register"), env._("Reading"), env._("Source")]
        )
        for reading in point_sudo.reading_ids.filtered(
            lambda r: r.state in ("valid", "to_review")
        ).sorted("date"):
            writer.writerow(
                [
                    reading.date,
                    reading.register_code,
                    f"{reading.value:.3f}",
                    reading.source,
                ]
            )
        filename = f"consumption-{point_sudo.name}.csv"
        return request.make_response(
            output.getvalue().encode("utf-8-sig"),
            headers=[
                ("Content-Type", "text/csv; charset=utf-8"),
                ("Content-Disposition", f'attachment; filename="{filename}"'),
            ],
        )
