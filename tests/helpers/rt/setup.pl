# Test setup of a fresh RT 5 database, the parts REST 2 cannot do: a CSAT ticket custom field
# applied to every queue, and the rights agents (privileged users) need to own and resolve tickets.
use strict;
use warnings;
use lib '/usr/share/request-tracker5/lib';
use RT;
RT::LoadConfig();
RT::Init();

my $cf_name = shift @ARGV or die "usage: setup.pl CF_NAME\n";
my $cf = RT::CustomField->new(RT->SystemUser);
my ($id, $msg) = $cf->Create(Name => $cf_name, Type => 'Freeform', MaxValues => 1, LookupType => 'RT::Queue-RT::Ticket');
die "custom field: $msg\n" unless $id;
my ($ok, $m) = $cf->AddToObject(RT::Queue->new(RT->SystemUser));
die "apply custom field: $m\n" unless $ok;

my $privileged = RT::Group->new(RT->SystemUser);
$privileged->LoadSystemInternalGroup('Privileged');
for my $right (qw(SeeQueue ShowTicket CreateTicket OwnTicket ModifyTicket ReplyToTicket CommentOnTicket SeeCustomField ModifyCustomField ShowTicketComments)) {
    my ($r, $rm) = $privileged->PrincipalObj->GrantRight(Right => $right, Object => RT->System);
    die "grant $right: $rm\n" unless $r;
}
print "ok cf=$id\n";
