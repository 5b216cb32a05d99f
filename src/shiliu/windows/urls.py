app_name = "windows"
urlpatterns: list = []
