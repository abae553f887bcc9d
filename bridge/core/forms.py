from django.forms.renderers import TemplatesSetting


class BridgeFormRenderer(TemplatesSetting):
    """Every `{{ form }}` renders with the site's field markup: label, input, help, errors."""

    form_template_name = "core/forms/div.html"
    field_template_name = "core/forms/field.html"
