from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "runcare.web.booking"
    label = "booking"
    verbose_name = "Booking: opening hours, slots, appointments"
