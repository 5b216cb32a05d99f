from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from benchsite.bare.models import BareRow


@csrf_exempt
def bare_insert(request):
    """The ceiling: the same server and middleware, one INSERT, no logic."""
    row = BareRow.objects.create(body=request.body.decode()[:200])
    return JsonResponse({"id": row.pk}, status=201)
